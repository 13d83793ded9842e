"""The generated Python SDK, run against Pulumi's own runtime mocks: the resource registers
under the right type token with the inputs the program gave (in their schema names), and asks
the engine to keep `clientSecret` secret."""

import pulumi
import pytest
from pulumi.runtime import mocks as pulumi_mocks

registered = []
calls = []


class Mocks(pulumi.runtime.Mocks):
    def new_resource(self, args: pulumi.runtime.MockResourceArgs):
        if args.typ.startswith("pulumi:providers:"):
            return [f"{args.name}-id", dict(args.inputs)]
        outputs = dict(args.inputs, clientId="1example23456789", clientSecret="s3cr3t")
        return [f"{args.inputs['userPoolId']}/1example23456789", outputs]

    def call(self, args: pulumi.runtime.MockCallArgs):
        calls.append(args)
        if args.token == "cognito:index:getUserPoolClients":
            return {
                "userPoolId": args.args["userPoolId"],
                "clients": [
                    {"clientId": "1example23456789", "clientName": "web"},
                    {"clientId": "2example23456789", "clientName": "m2m"},
                ],
            }
        return {}


# The mocks' monitor sees each RegisterResource request, options included; keep them.
_original_register = pulumi_mocks.MockMonitor.RegisterResource


def _recording_register(self, request):
    registered.append(request)
    return _original_register(self, request)


pulumi_mocks.MockMonitor.RegisterResource = _recording_register
pulumi.runtime.set_mocks(Mocks(), preview=False)

import pulumi_cognito as cognito  # noqa: E402  (after set_mocks, as Pulumi's docs advise)


@pulumi.runtime.test
def test_user_pool_client_registers_inputs_and_secret_outputs():
    client = cognito.UserPoolClient(
        "web",
        user_pool_id="us-east-1_AbCdEf123",
        generate_secret=True,
        allowed_o_auth_flows=[cognito.OAuthFlow.CODE],
        callback_urls=["https://app.example.com/callback"],
        token_validity_units=cognito.TokenValidityUnitsArgs(access_token=cognito.TimeUnit.MINUTES),
    )

    def check(values):
        client_id, user_pool_id = values
        assert client_id == "1example23456789"
        assert user_pool_id == "us-east-1_AbCdEf123"
        # By now the registration has happened; inspect what the SDK asked of the engine.
        request = next(r for r in registered if r.name == "web")
        assert request.type == "cognito:index:UserPoolClient"
        assert "clientSecret" in request.additionalSecretOutputs
        fields = request.object
        assert fields["userPoolId"] == "us-east-1_AbCdEf123"
        assert fields["generateSecret"] is True
        assert list(fields["allowedOAuthFlows"]) == ["code"]
        assert fields["tokenValidityUnits"]["accessToken"] == "minutes"

    return pulumi.Output.all(client.client_id, client.user_pool_id).apply(check)


def test_get_user_pool_clients_asks_for_the_pool_and_types_the_answer():
    found = cognito.get_user_pool_clients(user_pool_id="us-east-1_AbCdEf123")
    assert calls[-1].token == "cognito:index:getUserPoolClients"
    assert calls[-1].args == {"userPoolId": "us-east-1_AbCdEf123"}
    assert found.user_pool_id == "us-east-1_AbCdEf123"
    assert [(c.client_id, c.client_name) for c in found.clients] == [
        ("1example23456789", "web"),
        ("2example23456789", "m2m"),
    ]


@pulumi.runtime.test
def test_an_explicit_provider_sends_assume_role_as_the_provider_reads_it():
    provider = cognito.Provider(
        "other-account",
        region="eu-west-1",
        assume_role=cognito.AssumeRoleArgs(
            role_arn="arn:aws:iam::123456789012:role/deployer", duration_seconds=900
        ),
    )

    def check(_):
        request = next(r for r in registered if r.name == "other-account")
        assert request.type == "pulumi:providers:cognito"
        sent = request.object["assumeRole"]
        # Provider inputs that are objects travel as JSON text; CheckConfig decodes it.
        if isinstance(sent, str):
            import json

            sent = json.loads(sent)
        assert sent["roleArn"] == "arn:aws:iam::123456789012:role/deployer"
        assert sent["durationSeconds"] == 900

    return provider.urn.apply(check)


def test_enums_carry_cognitos_values():
    assert cognito.ExplicitAuthFlow.ALLOW_USER_SRP_AUTH.value == "ALLOW_USER_SRP_AUTH"
    assert cognito.OAuthFlow.CLIENT_CREDENTIALS.value == "client_credentials"


if __name__ == "__main__":
    raise SystemExit(pytest.main([__file__]))
