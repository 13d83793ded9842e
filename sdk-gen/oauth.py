#!/usr/bin/env python3
"""Gets OAuth 2.0 tokens from a Cognito emulator, as an application using an app client would.

    oauth.py client-credentials BASE_URL CLIENT_ID SECRET SCOPE
    oauth.py sign-in BASE_URL CLIENT_ID SECRET|- REDIRECT_URI SCOPE USERNAME PASSWORD

client-credentials: a back-end service's token (`POST /oauth2/token`, grant client_credentials,
the id and secret in an HTTP Basic header, as Cognito documents).

sign-in: a user signing in through the authorization code flow: `GET /oauth2/authorize` (the
strict emulator takes the user's name and password in the query where Cognito shows its sign-in
page), the redirect to REDIRECT_URI carrying the code, then `POST /oauth2/token` with grant
authorization_code and the client secret when the client has one (`-` for none).

Prints one JSON object on stdout. When tokens were issued (exit 0): the access token's claims
that matter to the tests, `client_id`, `scope`, `token_use` and `lifetime` (exp - iat, seconds).
When the emulator refused (exit 3): `status` and the OAuth `error`. Anything else exits 1.
Standard library only; the secret never reaches stdout or stderr.
"""

import base64
import json
import sys
import urllib.error
import urllib.parse
import urllib.request


class NoRedirect(urllib.request.HTTPRedirectHandler):
    """The redirect goes to the application's callback URL, which is not reachable here: its
    Location header is the answer."""

    def redirect_request(self, *args, **kwargs):
        return None


opener = urllib.request.build_opener(NoRedirect, urllib.request.ProxyHandler({}))


def refused(status, body):
    try:
        error = json.loads(body).get("error", "")
    except ValueError:
        error = body[:200]
    print(json.dumps({"status": status, "error": error}))
    sys.exit(3)


def claims(token):
    payload = token.split(".")[1]
    payload += "=" * (-len(payload) % 4)
    return json.loads(base64.urlsafe_b64decode(payload))


def token(base, form, basic=None):
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    if basic:
        # RFC 6749 2.3.1: each part form-encoded, then joined and base64-encoded.
        pair = ":".join(urllib.parse.quote(p, safe="") for p in basic)
        headers["Authorization"] = "Basic " + base64.b64encode(pair.encode()).decode()
    req = urllib.request.Request(
        base + "/oauth2/token", data=urllib.parse.urlencode(form).encode(), headers=headers
    )
    try:
        with opener.open(req, timeout=30) as resp:
            answer = json.load(resp)
    except urllib.error.HTTPError as e:
        refused(e.code, e.read().decode(errors="replace"))
    c = claims(answer["access_token"])
    print(
        json.dumps(
            {
                "client_id": c.get("client_id"),
                "scope": c.get("scope"),
                "token_use": c.get("token_use"),
                "lifetime": c["exp"] - c["iat"],
                "expires_in": answer.get("expires_in"),
                "id_token": "id_token" in answer,
            }
        )
    )


def client_credentials(base, client_id, secret, scope):
    token(base, {"grant_type": "client_credentials", "scope": scope}, basic=(client_id, secret))


def sign_in(base, client_id, secret, redirect_uri, scope, username, password):
    query = urllib.parse.urlencode(
        {
            "response_type": "code",
            "client_id": client_id,
            "redirect_uri": redirect_uri,
            "scope": scope,
            "state": "e2e",
            "username": username,
            "password": password,
        }
    )
    try:
        opener.open(base + "/oauth2/authorize?" + query, timeout=30)
        sys.exit("authorize answered without redirecting")
    except urllib.error.HTTPError as e:
        if e.code != 302:
            refused(e.code, e.read().decode(errors="replace"))
        location = e.headers.get("Location", "")
    params = urllib.parse.parse_qs(urllib.parse.urlsplit(location).query)
    if "code" not in params:
        refused(302, json.dumps({"error": params.get("error", ["no code"])[0]}))
    if not location.startswith(redirect_uri):
        sys.exit(f"authorize redirected to {location.split('?')[0]}, not {redirect_uri}")
    form = {
        "grant_type": "authorization_code",
        "code": params["code"][0],
        "redirect_uri": redirect_uri,
        "client_id": client_id,
    }
    if secret != "-":
        form["client_secret"] = secret
    token(base, form)


def main(argv):
    if len(argv) == 6 and argv[1] == "client-credentials":
        client_credentials(*argv[2:])
    elif len(argv) == 9 and argv[1] == "sign-in":
        sign_in(*argv[2:])
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
