import * as pulumi from "@pulumi/pulumi";
import * as cognito from "@pulumi-cognito/cognito";

const config = new pulumi.Config();

const worker = new cognito.UserPoolClient("worker", {
    userPoolId: config.require("userPoolId"),
    clientName: "rotation-worker-ts",
    generateSecret: true,
    allowedOAuthFlowsUserPoolClient: true,
    allowedOAuthFlows: [cognito.OAuthFlow.ClientCredentials],
    allowedOAuthScopes: ["orders/read"],
});

// A change of `triggers` replaces the secret: the new one is added first (a client holds two
// at once), consumers move to it, and the old one is deleted last.
const workerSecret = new cognito.UserPoolClientSecret("workerSecret", {
    userPoolId: worker.userPoolId,
    clientId: worker.clientId,
    triggers: [config.get("rotation") ?? "1"],
}, {
    // Cognito never deletes a client's last secret; it goes with the client. When the client is
    // deleted too (a destroy), the engine need not delete the secret first.
    deletedWith: worker,
});

export const clientId = worker.clientId;
// The consumer follows the secret resource, not the client's first secret.
export const clientSecret = workerSecret.clientSecret;
export const secretId = workerSecret.secretId;
