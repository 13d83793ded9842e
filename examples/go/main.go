// Two app clients for an existing Cognito user pool: a web application that signs users in with
// the OAuth 2.0 authorization code flow, and a machine-to-machine client for a back-end service
// (client credentials flow). See README.md.
package main

import (
	"errors"

	"github.com/pulumi-cognito/pulumi-cognito/sdk/go/cognito"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/config"
)

func main() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		cfg := config.New(ctx, "")
		// Id of the user pool the clients belong to, e.g. us-east-1_AbCdEf123.
		userPoolID := cfg.Require("userPoolId")
		// Whether the web client gets a client secret (a server-side web app keeps one; a
		// single-page app cannot). Cognito sets this only at creation: changing it replaces the
		// client.
		webGenerateSecret, err := cfg.TryBool("webGenerateSecret")
		if errors.Is(err, config.ErrMissingVar) {
			webGenerateSecret, err = true, nil
		}
		if err != nil {
			return err
		}
		// Lifetime of the web client's access tokens, in minutes (5 to 1440). Changes in place.
		accessTokenMinutes, err := cfg.TryInt("accessTokenMinutes")
		if errors.Is(err, config.ErrMissingVar) {
			accessTokenMinutes, err = 60, nil
		}
		if err != nil {
			return err
		}
		// Name of an app client made outside Pulumi and adopted with `pulumi import` (README.md).
		importedClientName := cfg.Get("importedClientName")

		// The web application: authorization code flow with SRP sign-in for its own forms. No
		// ClientName: the provider names the client after the resource (webClient-xxxxxxx).
		webClient, err := cognito.NewUserPoolClient(ctx, "webClient", &cognito.UserPoolClientArgs{
			UserPoolId:     pulumi.String(userPoolID),
			GenerateSecret: pulumi.Bool(webGenerateSecret),
			ExplicitAuthFlows: cognito.ExplicitAuthFlowArray{
				cognito.ExplicitAuthFlowAllowUserSrpAuth,
				cognito.ExplicitAuthFlowAllowRefreshTokenAuth,
			},
			PreventUserExistenceErrors:      cognito.PreventUserExistenceErrorsEnabled,
			AllowedOAuthFlowsUserPoolClient: pulumi.Bool(true),
			AllowedOAuthFlows:               cognito.OAuthFlowArray{cognito.OAuthFlowCode},
			AllowedOAuthScopes:              pulumi.ToStringArray([]string{"openid", "email", "profile"}),
			CallbackUrls:                    pulumi.ToStringArray([]string{"https://app.example.com/callback"}),
			LogoutUrls:                      pulumi.ToStringArray([]string{"https://app.example.com/logout"}),
			SupportedIdentityProviders:      pulumi.ToStringArray([]string{"COGNITO"}),
			AccessTokenValidity:             pulumi.Int(accessTokenMinutes),
			IdTokenValidity:                 pulumi.Int(60),
			RefreshTokenValidity:            pulumi.Int(30),
			TokenValidityUnits: &cognito.TokenValidityUnitsArgs{
				AccessToken:  cognito.TimeUnitMinutes,
				IdToken:      cognito.TimeUnitMinutes,
				RefreshToken: cognito.TimeUnitDays,
			},
		})
		if err != nil {
			return err
		}

		// A back-end service calling an API with its own identity: client credentials, no
		// users. Real Cognito only accepts the custom scope `orders/read` when the pool has a
		// resource server with identifier `orders` and a scope `read` (see README.md).
		m2mClient, err := cognito.NewUserPoolClient(ctx, "m2mClient", &cognito.UserPoolClientArgs{
			UserPoolId:                      pulumi.String(userPoolID),
			ClientName:                      pulumi.String("orders-worker"),
			GenerateSecret:                  pulumi.Bool(true),
			ExplicitAuthFlows:               cognito.ExplicitAuthFlowArray{cognito.ExplicitAuthFlowAllowRefreshTokenAuth},
			AllowedOAuthFlowsUserPoolClient: pulumi.Bool(true),
			AllowedOAuthFlows:               cognito.OAuthFlowArray{cognito.OAuthFlowClientCredentials},
			AllowedOAuthScopes:              pulumi.ToStringArray([]string{"orders/read"}),
			AccessTokenValidity:             pulumi.Int(1),
			TokenValidityUnits: &cognito.TokenValidityUnitsArgs{
				AccessToken: cognito.TimeUnitHours,
			},
		})
		if err != nil {
			return err
		}

		// An app client made outside Pulumi (say, in the console), declared once it has been
		// adopted with `pulumi import cognito:index:UserPoolClient imported <userPoolId>/<clientId>`.
		if importedClientName != "" {
			_, err := cognito.NewUserPoolClient(ctx, "imported", &cognito.UserPoolClientArgs{
				UserPoolId: pulumi.String(userPoolID),
				ClientName: pulumi.String(importedClientName),
				ExplicitAuthFlows: cognito.ExplicitAuthFlowArray{
					cognito.ExplicitAuthFlowAllowUserSrpAuth,
					cognito.ExplicitAuthFlowAllowRefreshTokenAuth,
				},
				PreventUserExistenceErrors: cognito.PreventUserExistenceErrorsEnabled,
				RefreshTokenValidity:       pulumi.Int(7),
			})
			if err != nil {
				return err
			}
		}

		ctx.Export("webClientId", webClient.ClientId)
		ctx.Export("webClientName", webClient.ClientName)
		// Secrets: `pulumi stack output` shows [secret] unless given --show-secrets.
		ctx.Export("webClientSecret", webClient.ClientSecret)
		ctx.Export("m2mClientId", m2mClient.ClientId)
		ctx.Export("m2mClientSecret", m2mClient.ClientSecret)
		return nil
	})
}
