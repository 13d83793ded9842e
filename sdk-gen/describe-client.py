#!/usr/bin/env python3
"""Reads user pool clients straight from the local emulator, bypassing Pulumi and the provider.

    <moto venv>/bin/python sdk-gen/describe-client.py ENDPOINT POOL CLIENT
        prints the DescribeUserPoolClient result (the UserPoolClient object) as JSON;
        exits 3 when the client does not exist
    <moto venv>/bin/python sdk-gen/describe-client.py --list-clients ENDPOINT POOL
        prints the pool's clients (ListUserPoolClients, every page) as a JSON array

The demo's --check uses it to confirm what the provider really did to the backend, which the
Pulumi state alone cannot show. Run it with the python of the moto venv (it has boto3).
"""

import argparse
import json
import os
import sys

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError


def client(endpoint):
    # Same settings as create-user-pool.py: dummy credentials, us-east-1, and no proxy for the
    # local emulator.
    os.environ["NO_PROXY"] = "127.0.0.1,localhost"
    os.environ["no_proxy"] = "127.0.0.1,localhost"
    # A profile named in the environment (possibly one that does not exist here) must not be read.
    os.environ.pop("AWS_PROFILE", None)
    os.environ.pop("AWS_DEFAULT_PROFILE", None)
    return boto3.client(
        "cognito-idp",
        endpoint_url=endpoint,
        region_name="us-east-1",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
        config=Config(retries={"max_attempts": 1}),
    )


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--list-clients", action="store_true", help="list the pool's clients instead")
    p.add_argument("endpoint")
    p.add_argument("pool")
    p.add_argument("client", nargs="?")
    a = p.parse_args()
    idp = client(a.endpoint)

    if a.list_clients:
        if a.client:
            p.error("--list-clients takes no CLIENT")
        clients = []
        for page in idp.get_paginator("list_user_pool_clients").paginate(UserPoolId=a.pool):
            clients.extend(page["UserPoolClients"])
        print(json.dumps(clients, indent=2, sort_keys=True))
        return 0

    if not a.client:
        p.error("CLIENT is required (or use --list-clients)")
    try:
        out = idp.describe_user_pool_client(UserPoolId=a.pool, ClientId=a.client)
    except ClientError as e:
        # Match on the code: moto's message for a missing client is just the client id.
        if e.response["Error"]["Code"] == "ResourceNotFoundException":
            print(f"describe-client: no client {a.client} in pool {a.pool}", file=sys.stderr)
            return 3
        raise
    # default=str: timestamps (real Cognito returns them; moto does not) become ISO strings.
    print(json.dumps(out["UserPoolClient"], indent=2, sort_keys=True, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
