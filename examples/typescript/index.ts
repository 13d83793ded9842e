// Two app clients for an existing Cognito user pool: a web application that signs users in with
// the OAuth 2.0 authorization code flow, and a machine-to-machine client for a back-end service
// (client credentials flow). See README.md.
import * as pulumi from "@pulumi/pulumi";
import * as cognito from "@pulumi-cognito/cognito";

const config = new pulumi.Config();
// Id of the user pool the clients belong to, e.g. us-east-1_AbCdEf123.
const userPoolId = config.require("userPoolId");
// Whether the web client gets a client secret (a server-side web app keeps one; a single-page
// app cannot). Cognito sets this only at creation: changing it replaces the client.
const webGenerateSecret = config.getBoolean("webGenerateSecret") ?? true;
// Lifetime of the web client's access tokens, in minutes (5 to 1440). Changes in place.
const accessTokenMinutes = config.getNumber("accessTokenMinutes") ?? 60;
// Name of an app client made outside Pulumi and adopted with `pulumi import` (README.md).
const importedClientName = config.get("importedClientName");

// The web application: authorization code flow with SRP sign-in for its own forms. No
// clientName: the provider names the client after the resource (webClient-xxxxxxx).
const webClient = new cognito.UserPoolClient("webClient", {
    userPoolId,
    generateSecret: webGenerateSecret,
    explicitAuthFlows: [
        cognito.ExplicitAuthFlow.AllowUserSrpAuth,
        cognito.ExplicitAuthFlow.AllowRefreshTokenAuth,
    ],
    preventUserExistenceErrors: cognito.PreventUserExistenceErrors.Enabled,
    allowedOAuthFlowsUserPoolClient: true,
    allowedOAuthFlows: [cognito.OAuthFlow.Code],
    allowedOAuthScopes: ["openid", "email", "profile"],
    callbackUrls: ["https://app.example.com/callback"],
    logoutUrls: ["https://app.example.com/logout"],
    supportedIdentityProviders: ["COGNITO"],
    accessTokenValidity: accessTokenMinutes,
    idTokenValidity: 60,
    refreshTokenValidity: 30,
    tokenValidityUnits: {
        accessToken: cognito.TimeUnit.Minutes,
        idToken: cognito.TimeUnit.Minutes,
        refreshToken: cognito.TimeUnit.Days,
    },
});

// A back-end service calling an API with its own identity: client credentials, no users. Real
// Cognito only accepts the custom scope `orders/read` when the pool has a resource server with
// identifier `orders` and a scope `read` (see README.md).
const m2mClient = new cognito.UserPoolClient("m2mClient", {
    userPoolId,
    clientName: "orders-worker",
    generateSecret: true,
    explicitAuthFlows: [cognito.ExplicitAuthFlow.AllowRefreshTokenAuth],
    allowedOAuthFlowsUserPoolClient: true,
    allowedOAuthFlows: [cognito.OAuthFlow.ClientCredentials],
    allowedOAuthScopes: ["orders/read"],
    accessTokenValidity: 1,
    tokenValidityUnits: { accessToken: cognito.TimeUnit.Hours },
});

// An app client made outside Pulumi (say, in the console), declared once it has been adopted
// with `pulumi import cognito:index:UserPoolClient imported <userPoolId>/<clientId>`.
if (importedClientName) {
    new cognito.UserPoolClient("imported", {
        userPoolId,
        clientName: importedClientName,
        explicitAuthFlows: [
            cognito.ExplicitAuthFlow.AllowUserSrpAuth,
            cognito.ExplicitAuthFlow.AllowRefreshTokenAuth,
        ],
        preventUserExistenceErrors: cognito.PreventUserExistenceErrors.Enabled,
        refreshTokenValidity: 7,
    });
}

export const webClientId = webClient.clientId;
export const webClientName = webClient.clientName;
// Secrets: `pulumi stack output` shows [secret] unless given --show-secrets.
export const webClientSecret = webClient.clientSecret;
export const m2mClientId = m2mClient.clientId;
export const m2mClientSecret = m2mClient.clientSecret;
