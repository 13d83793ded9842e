import * as pulumi from "@pulumi/pulumi";
import * as cognito from "@pulumi-cognito/cognito";

const config = new pulumi.Config();
const client = new cognito.UserPoolClient("downloaded", {
    userPoolId: config.require("userPoolId"),
    generateSecret: true,
});

export const clientId = client.clientId;
