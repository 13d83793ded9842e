"""Two app clients for an existing Cognito user pool: a web application that signs users in with
the OAuth 2.0 authorization code flow, and a machine-to-machine client for a back-end service
(client credentials flow). See README.md."""

import pulumi
import pulumi_cognito as cognito

config = pulumi.Config()
# Id of the user pool the clients belong to, e.g. us-east-1_AbCdEf123.
user_pool_id = config.require("userPoolId")
# Whether the web client gets a client secret (a server-side web app keeps one; a single-page
# app cannot). Cognito sets this only at creation: changing it replaces the client.
web_generate_secret = config.get_bool("webGenerateSecret")
if web_generate_secret is None:
    web_generate_secret = True
# Lifetime of the web client's access tokens, in minutes (5 to 1440). Changes in place.
access_token_minutes = config.get_int("accessTokenMinutes")
if access_token_minutes is None:
    access_token_minutes = 60
# Name of an app client made outside Pulumi and adopted with `pulumi import` (README.md).
imported_client_name = config.get("importedClientName")

# The web application: authorization code flow with SRP sign-in for its own forms. No
# client_name: the provider names the client after the resource (webClient-xxxxxxx).
web_client = cognito.UserPoolClient(
    "webClient",
    user_pool_id=user_pool_id,
    generate_secret=web_generate_secret,
    explicit_auth_flows=[
        cognito.ExplicitAuthFlow.ALLOW_USER_SRP_AUTH,
        cognito.ExplicitAuthFlow.ALLOW_REFRESH_TOKEN_AUTH,
    ],
    prevent_user_existence_errors=cognito.PreventUserExistenceErrors.ENABLED,
    allowed_o_auth_flows_user_pool_client=True,
    allowed_o_auth_flows=[cognito.OAuthFlow.CODE],
    allowed_o_auth_scopes=["openid", "email", "profile"],
    callback_urls=["https://app.example.com/callback"],
    logout_urls=["https://app.example.com/logout"],
    supported_identity_providers=["COGNITO"],
    access_token_validity=access_token_minutes,
    id_token_validity=60,
    refresh_token_validity=30,
    token_validity_units=cognito.TokenValidityUnitsArgs(
        access_token=cognito.TimeUnit.MINUTES,
        id_token=cognito.TimeUnit.MINUTES,
        refresh_token=cognito.TimeUnit.DAYS,
    ),
)

# A back-end service calling an API with its own identity: client credentials, no users. Real
# Cognito only accepts the custom scope `orders/read` when the pool has a resource server with
# identifier `orders` and a scope `read` (see README.md).
m2m_client = cognito.UserPoolClient(
    "m2mClient",
    user_pool_id=user_pool_id,
    client_name="orders-worker",
    generate_secret=True,
    explicit_auth_flows=[cognito.ExplicitAuthFlow.ALLOW_REFRESH_TOKEN_AUTH],
    allowed_o_auth_flows_user_pool_client=True,
    allowed_o_auth_flows=[cognito.OAuthFlow.CLIENT_CREDENTIALS],
    allowed_o_auth_scopes=["orders/read"],
    access_token_validity=1,
    token_validity_units=cognito.TokenValidityUnitsArgs(access_token=cognito.TimeUnit.HOURS),
)

# An app client made outside Pulumi (say, in the console), declared once it has been adopted
# with `pulumi import cognito:index:UserPoolClient imported <userPoolId>/<clientId>`.
if imported_client_name:
    cognito.UserPoolClient(
        "imported",
        user_pool_id=user_pool_id,
        client_name=imported_client_name,
        explicit_auth_flows=[
            cognito.ExplicitAuthFlow.ALLOW_USER_SRP_AUTH,
            cognito.ExplicitAuthFlow.ALLOW_REFRESH_TOKEN_AUTH,
        ],
        prevent_user_existence_errors=cognito.PreventUserExistenceErrors.ENABLED,
        refresh_token_validity=7,
    )

pulumi.export("webClientId", web_client.client_id)
pulumi.export("webClientName", web_client.client_name)
# Secrets: `pulumi stack output` shows [secret] unless given --show-secrets.
pulumi.export("webClientSecret", web_client.client_secret)
pulumi.export("m2mClientId", m2m_client.client_id)
pulumi.export("m2mClientSecret", m2m_client.client_secret)
