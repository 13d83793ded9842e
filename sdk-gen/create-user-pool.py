#!/usr/bin/env python3
"""Creates a Cognito user pool in the local emulator, with the resource server the examples'
machine-to-machine client needs (identifier `orders`, scope `read`), and prints the pool's id.

    <moto venv>/bin/python sdk-gen/create-user-pool.py ENDPOINT NAME

Run it with the python of the moto venv (sdk-gen/install-moto.sh prints its bin dir), which has
boto3. The user pool is not a resource of this provider, but a UserPoolClient needs one: the
demo and the tests create it here, straight against the emulator.

Credentials are dummies and the region is fixed: moto accepts anything, and fixed values keep
the caller's own AWS settings (profiles, real keys) out of the run.
"""

import os
import sys

import boto3
from botocore.config import Config


def client(endpoint):
    # The emulator is local: a proxy set in the environment must not be used for it.
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


def main(argv):
    if len(argv) != 3:
        print(f"usage: {argv[0]} ENDPOINT NAME", file=sys.stderr)
        return 2
    endpoint, name = argv[1], argv[2]
    idp = client(endpoint)
    pool = idp.create_user_pool(PoolName=name)["UserPool"]
    # Real Cognito accepts the custom scope orders/read only when the pool has this server.
    idp.create_resource_server(
        UserPoolId=pool["Id"],
        Identifier="orders",
        Name="orders",
        Scopes=[{"ScopeName": "read", "ScopeDescription": "read orders"}],
    )
    print(pool["Id"])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
