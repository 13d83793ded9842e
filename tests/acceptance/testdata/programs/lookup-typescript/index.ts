// The lookup program (../lookup/Pulumi.yaml) through the TypeScript SDK: an Output of the
// whole result is secret as soon as one field is, so the settings stay plain only if the
// provider leaves the secret out when it is not asked for.
import * as pulumi from "@pulumi/pulumi";
import * as cognito from "@pulumi-cognito/cognito";

const userPoolId = new pulumi.Config().require("userPoolId");

const web = new cognito.UserPoolClient("web", {
    userPoolId,
    clientName: "web",
    generateSecret: true,
    allowedOAuthFlowsUserPoolClient: true,
    allowedOAuthFlows: [cognito.OAuthFlow.Code],
    allowedOAuthScopes: ["openid"],
    supportedIdentityProviders: ["COGNITO"],
    callbackUrls: ["https://app.example.com/callback"],
});

const settings = cognito.getUserPoolClientOutput({ userPoolId, clientId: web.clientId });
const withSecret = cognito.getUserPoolClientOutput({ userPoolId, clientId: web.clientId, includeSecret: true });

export const name = settings.clientName;
export const callbackUrls = settings.callbackUrls;
export const secret = settings.clientSecret;
export const secretAsked = withSecret.clientSecret;
