#!/usr/bin/env python3
"""Reads and changes app clients straight in a Cognito emulator, for the acceptance tests:
what the examples ask for (check-web, check-m2m, check-imported), and what a person in the
console would do (drift, drift-oauth, delete, create-imported, create-user).

    <moto venv>/bin/python cognito_admin.py ENDPOINT POOL COMMAND [ARGS...]

Set E2E_EMULATOR=strict for the strict emulator (it never stores DefaultRedirectURI).
"""
import os, sys

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

os.environ["NO_PROXY"] = os.environ["no_proxy"] = "127.0.0.1,localhost"
for var in ("AWS_PROFILE", "AWS_DEFAULT_PROFILE"):
    os.environ.pop(var, None)
idp = boto3.client(
    "cognito-idp", endpoint_url=sys.argv[1], region_name="us-east-1",
    aws_access_key_id="testing", aws_secret_access_key="testing",
    config=Config(retries={"max_attempts": 1}),
)
pool, cmd, args = sys.argv[2], sys.argv[3], sys.argv[4:]

# What the examples ask for. Sets where Cognito gives the order no meaning; "absent" means the
# field is missing or empty (Cognito's default of no value).
ABSENT = object()
STRICT = os.environ.get("E2E_EMULATOR") == "strict"
def web(access_minutes):
    return {
        "ExplicitAuthFlows": {"ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"},
        "PreventUserExistenceErrors": "ENABLED",
        "AllowedOAuthFlowsUserPoolClient": True,
        "AllowedOAuthFlows": {"code"},
        "AllowedOAuthScopes": {"openid", "email", "profile"},
        "CallbackURLs": ["https://app.example.com/callback"],
        "LogoutURLs": ["https://app.example.com/logout"],
        "SupportedIdentityProviders": {"COGNITO"},
        "AccessTokenValidity": access_minutes,
        "IdTokenValidity": 60,
        "RefreshTokenValidity": 30,
        "TokenValidityUnits": {"AccessToken": "minutes", "IdToken": "minutes", "RefreshToken": "days"},
        # Not in the program: Cognito's defaults.
        "AuthSessionValidity": 3,
        "EnableTokenRevocation": True,
        **({} if STRICT else {"DefaultRedirectURI": ABSENT}),  # strict: its gap, never stored
        "ReadAttributes": ABSENT,
        "WriteAttributes": ABSENT,
    }
M2M = {
    "ClientName": "orders-worker",
    "ExplicitAuthFlows": {"ALLOW_REFRESH_TOKEN_AUTH"},
    "AllowedOAuthFlowsUserPoolClient": True,
    "AllowedOAuthFlows": {"client_credentials"},
    "AllowedOAuthScopes": {"orders/read"},
    "AccessTokenValidity": 1,
    "TokenValidityUnits.AccessToken": "hours",
    "AuthSessionValidity": 3,
    "EnableTokenRevocation": True,
    "CallbackURLs": ABSENT,
    "LogoutURLs": ABSENT,
    "SupportedIdentityProviders": ABSENT,
}
def imported(name):
    return {
        "ClientName": name,
        "ExplicitAuthFlows": {"ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"},
        "PreventUserExistenceErrors": "ENABLED",
        "RefreshTokenValidity": 7,
    }
UPDATABLE = (
    "ClientName", "RefreshTokenValidity", "AccessTokenValidity", "IdTokenValidity",
    "TokenValidityUnits", "ReadAttributes", "WriteAttributes", "ExplicitAuthFlows",
    "SupportedIdentityProviders", "CallbackURLs", "LogoutURLs", "DefaultRedirectURI",
    "AllowedOAuthFlows", "AllowedOAuthScopes", "AllowedOAuthFlowsUserPoolClient",
    "AnalyticsConfiguration", "PreventUserExistenceErrors", "EnableTokenRevocation",
    "EnablePropagateAdditionalUserContextData", "AuthSessionValidity", "RefreshTokenRotation",
)
DRIFT_URL = "https://drift.example.com/callback"

def describe(client_id):
    try:
        return idp.describe_user_pool_client(UserPoolId=pool, ClientId=client_id)["UserPoolClient"]
    except ClientError as e:
        if e.response["Error"]["Code"] == "ResourceNotFoundException":
            return None
        raise

def lookup(c, key):
    for part in key.split("."):
        c = (c or {}).get(part)
    return c

def mismatches(c, want):
    bad = []
    for key, expected in want.items():
        got = lookup(c, key)
        if expected is ABSENT:
            if got not in (None, [], ""):
                bad.append(f"{key}: the emulator has {got!r}, expected it unset")
            continue
        if isinstance(expected, set):
            got = set(got or [])
        if got != expected:
            bad.append(f"{key}: the emulator has {got!r}, expected {expected!r}")
    return bad

def check(client_id, want, secret):
    c = describe(client_id)
    if c is None:
        sys.exit(f"no client {client_id} in pool {pool}")
    bad = mismatches(c, want)
    # secret: "none" (no secret), "any" (has one) or the exact value the stack outputs.
    has = c.get("ClientSecret")
    if secret == "none" and has:
        bad.append("ClientSecret: the emulator has one, expected none")
    elif secret != "none" and not has:
        bad.append("ClientSecret: the emulator has none, expected one")
    elif secret not in ("none", "any") and has != secret:
        bad.append("ClientSecret: differs from the stack output")
    if bad:
        sys.exit(f"client {client_id} ({c.get('ClientName')}) differs:\n  " + "\n  ".join(bad))
    print(c.get("ClientName") or "")

if cmd == "check-web":  # CLIENT ACCESS_MINUTES SECRET
    check(args[0], web(int(args[1])), args[2])
elif cmd == "check-m2m":  # CLIENT SECRET
    check(args[0], M2M, args[1])
elif cmd == "check-imported":  # CLIENT NAME
    check(args[0], imported(args[1]), "none")
elif cmd == "exists":  # CLIENT: exit 0 if it is there, 3 if not
    sys.exit(0 if describe(args[0]) is not None else 3)
elif cmd == "count":
    n = 0
    for page in idp.get_paginator("list_user_pool_clients").paginate(UserPoolId=pool):
        n += len(page["UserPoolClients"])
    print(n)
elif cmd == "drift":  # CLIENT: what someone editing the client in the console would do
    c = describe(args[0])
    # An update sends the whole configuration (Cognito resets what it leaves out).
    req = {k: c[k] for k in UPDATABLE if k in c}
    req["CallbackURLs"] = list(c.get("CallbackURLs", [])) + [DRIFT_URL]
    req["AuthSessionValidity"] = 10
    idp.update_user_pool_client(UserPoolId=pool, ClientId=args[0], **req)
elif cmd == "drift-oauth":  # CLIENT: the console switches the client to the code grant
    # (Turning OAuth off altogether would be the obvious edit, but the strict emulator does not
    # enforce AllowedOAuthFlowsUserPoolClient=false at its token endpoint: its gap.)
    c = describe(args[0])
    req = {k: c[k] for k in UPDATABLE if k in c}
    req["AllowedOAuthFlows"] = ["code"]
    req["CallbackURLs"] = ["https://console.example.com/callback"]
    idp.update_user_pool_client(UserPoolId=pool, ClientId=args[0], **req)
elif cmd == "create-user":  # NAME PASSWORD: a confirmed user who can sign in
    idp.admin_create_user(UserPoolId=pool, Username=args[0], MessageAction="SUPPRESS")
    idp.admin_set_user_password(UserPoolId=pool, Username=args[0], Password=args[1], Permanent=True)
elif cmd == "create-imported":  # NAME: prints the new client's id
    c = idp.create_user_pool_client(
        UserPoolId=pool, ClientName=args[0], GenerateSecret=False,
        ExplicitAuthFlows=["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
        PreventUserExistenceErrors="ENABLED", RefreshTokenValidity=7,
    )["UserPoolClient"]
    print(c["ClientId"])
elif cmd == "create-five":  # a pool's worth of hand-made clients, as varied as the console makes
    made = [
        dict(ClientName="web-app", GenerateSecret=False,
             ExplicitAuthFlows=["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
             PreventUserExistenceErrors="ENABLED", AllowedOAuthFlowsUserPoolClient=True,
             AllowedOAuthFlows=["code"], AllowedOAuthScopes=["openid", "email"],
             CallbackURLs=["https://app.example.com/callback"],
             LogoutURLs=["https://app.example.com/logout"],
             SupportedIdentityProviders=["COGNITO"]),
        dict(ClientName="orders backend", GenerateSecret=True,
             AllowedOAuthFlowsUserPoolClient=True, AllowedOAuthFlows=["client_credentials"],
             AllowedOAuthScopes=["orders/read"], SupportedIdentityProviders=["COGNITO"]),
        dict(ClientName="mobile app, iOS", GenerateSecret=False,
             ExplicitAuthFlows=["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
             AccessTokenValidity=30, IdTokenValidity=2, RefreshTokenValidity=60,
             TokenValidityUnits={"AccessToken": "minutes", "IdToken": "hours",
                                 "RefreshToken": "days"}),
        dict(ClientName="legacy_admin", GenerateSecret=True,
             ExplicitAuthFlows=["ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
             ReadAttributes=["email", "name"], WriteAttributes=["name"]),
        dict(ClientName="42"),
    ]
    for req in made:
        c = idp.create_user_pool_client(UserPoolId=pool, **req)["UserPoolClient"]
        print(c["ClientId"])
elif cmd == "create-analytics":  # one client per analytics form Cognito takes
    project = "0123456789abcdef0123456789abcdef"
    role = "arn:aws:iam::123456789012:role/pinpoint-events"
    forms = [
        # By the project's ARN alone: Cognito fills in its service-linked role.
        {"ApplicationArn": f"arn:aws:mobiletargeting:us-east-1:123456789012:apps/{project}",
         "UserDataShared": True},
        {"ApplicationId": project, "RoleArn": role},
        {"ApplicationId": project, "RoleArn": role, "ExternalId": "tenant-7"},
    ]
    for i, form in enumerate(forms):
        c = idp.create_user_pool_client(
            UserPoolId=pool, ClientName=f"analytics-{i}", AnalyticsConfiguration=form,
        )["UserPoolClient"]
        print(c["ClientId"])
elif cmd == "create-migrate":  # five clients as a pulumi-aws stack made them; their Describe as JSON
    import json
    made = [
        dict(ClientName="web", ExplicitAuthFlows=["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
             AllowedOAuthFlowsUserPoolClient=True, AllowedOAuthFlows=["code"],
             AllowedOAuthScopes=["openid", "email"], CallbackURLs=["https://app.example.com/cb"],
             SupportedIdentityProviders=["COGNITO"], PreventUserExistenceErrors="ENABLED",
             AccessTokenValidity=60, IdTokenValidity=60, RefreshTokenValidity=30,
             TokenValidityUnits={"AccessToken": "minutes", "IdToken": "minutes", "RefreshToken": "days"}),
        dict(ClientName="spa", AllowedOAuthFlowsUserPoolClient=True, AllowedOAuthFlows=["implicit"],
             AllowedOAuthScopes=["openid"], CallbackURLs=["https://spa.example.com/"],
             SupportedIdentityProviders=["COGNITO"]),
        dict(ClientName="machine", GenerateSecret=True, AllowedOAuthFlowsUserPoolClient=True,
             AllowedOAuthFlows=["client_credentials"], AllowedOAuthScopes=["orders/read"],
             SupportedIdentityProviders=["COGNITO"]),
        dict(ClientName="native", ExplicitAuthFlows=["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]),
        dict(ClientName="backend", GenerateSecret=True,
             ExplicitAuthFlows=["ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]),
    ]
    out = []
    for req in made:
        c = idp.create_user_pool_client(UserPoolId=pool, **req)["UserPoolClient"]
        c = idp.describe_user_pool_client(UserPoolId=pool, ClientId=c["ClientId"])["UserPoolClient"]
        c.pop("CreationDate", None)
        c.pop("LastModifiedDate", None)
        out.append(c)
    print(json.dumps(out))
elif cmd == "client-secret":  # CLIENT: the secret Describe reports ("-" for none)
    print(describe(args[0]).get("ClientSecret") or "-")
elif cmd == "secrets":  # CLIENT: the ids of the client's secrets, one a line
    page = idp.list_user_pool_client_secrets(UserPoolId=pool, ClientId=args[0])
    print("\n".join(s["ClientSecretId"] for s in page.get("ClientSecrets", [])))
elif cmd == "delete":  # CLIENT
    idp.delete_user_pool_client(UserPoolId=pool, ClientId=args[0])
else:
    sys.exit(f"unknown command {cmd}")
