package acceptance

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

// The clients at work, as applications use them, on the strict emulator: a user signing in to
// the web client through the authorization code flow, and the machine-to-machine client
// getting a client_credentials token for orders/read.

const callback = "https://app.example.com/callback"

// claims are the parts of an access token the tests look at.
type claims struct {
	ClientID string `json:"client_id"`
	Scope    string `json:"scope"`
	TokenUse string `json:"token_use"`
	Exp      int64  `json:"exp"`
	Iat      int64  `json:"iat"`
}

func (c claims) lifetime() int64 { return c.Exp - c.Iat }

// oauthError is a refusal by the emulator's OAuth endpoints.
type oauthError struct {
	status int
	code   string
}

func (e *oauthError) Error() string { return fmt.Sprintf("%d %s", e.status, e.code) }

func isOAuthError(err error, code string) bool {
	var oe *oauthError
	return errors.As(err, &oe) && oe.code == code
}

var client = &http.Client{
	Timeout: 30 * time.Second,
	// The redirect goes to the application's callback URL: its Location is the answer.
	CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	Transport:     &http.Transport{Proxy: nil},
}

func refusal(resp *http.Response) error {
	body, _ := io.ReadAll(resp.Body)
	var e struct {
		Error string `json:"error"`
	}
	_ = json.Unmarshal(body, &e)
	return &oauthError{status: resp.StatusCode, code: e.Error}
}

func token(base string, form url.Values, id, secret string) (claims, error) {
	req, err := http.NewRequest("POST", base+"/oauth2/token", strings.NewReader(form.Encode()))
	if err != nil {
		return claims{}, err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if secret != "" {
		// RFC 6749 2.3.1: each part form-encoded, then joined.
		req.SetBasicAuth(url.QueryEscape(id), url.QueryEscape(secret))
	}
	resp, err := client.Do(req)
	if err != nil {
		return claims{}, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return claims{}, refusal(resp)
	}
	var answer struct {
		AccessToken string `json:"access_token"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&answer); err != nil {
		return claims{}, err
	}
	parts := strings.Split(answer.AccessToken, ".")
	if len(parts) != 3 {
		return claims{}, fmt.Errorf("the access token is not a JWT")
	}
	payload, err := base64.RawURLEncoding.DecodeString(parts[1])
	if err != nil {
		return claims{}, err
	}
	var c claims
	return c, json.Unmarshal(payload, &c)
}

func clientCredentials(base, id, secret string) (claims, error) {
	form := url.Values{"grant_type": {"client_credentials"}, "scope": {"orders/read"}}
	return token(base, form, id, secret)
}

// signIn signs the test user in to a client with the code flow; secret is "" for a client
// without one.
func signIn(base, id, secret string) (claims, error) {
	q := url.Values{
		"response_type": {"code"}, "client_id": {id}, "redirect_uri": {callback},
		"scope": {"openid email"}, "state": {"acceptance"}, "username": {user}, "password": {userPassword},
	}
	resp, err := client.Get(base + "/oauth2/authorize?" + q.Encode())
	if err != nil {
		return claims{}, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusFound {
		return claims{}, refusal(resp)
	}
	loc, err := url.Parse(resp.Header.Get("Location"))
	if err != nil {
		return claims{}, err
	}
	if !strings.HasPrefix(loc.String(), callback) {
		return claims{}, fmt.Errorf("authorize redirected to %s, not %s", loc.Redacted(), callback)
	}
	code := loc.Query().Get("code")
	if code == "" {
		return claims{}, &oauthError{status: http.StatusFound, code: loc.Query().Get("error")}
	}
	form := url.Values{"grant_type": {"authorization_code"}, "code": {code}, "redirect_uri": {callback}, "client_id": {id}}
	if secret != "" {
		form.Set("client_secret", secret)
	}
	return token(base, form, id, "")
}

// checkTokens: both clients issue tokens as the program says (client, scope, lifetime).
func checkTokens(t *testing.T, ex *example, webMinutes int64, webSecret string) {
	t.Helper()
	out := ex.outputs(t)
	web, err := signIn(ex.emu.url, out["webClientId"].value, webSecret)
	if err != nil {
		t.Fatalf("the web client's sign-in was refused: %v", err)
	}
	if web.ClientID != out["webClientId"].value || web.lifetime() != webMinutes*60 {
		t.Fatalf("the web access token: client %s, %d s; the program says %s, %d minutes",
			web.ClientID, web.lifetime(), out["webClientId"].value, webMinutes)
	}
	m2m, err := clientCredentials(ex.emu.url, out["m2mClientId"].value, out["m2mClientSecret"].value)
	if err != nil {
		t.Fatalf("the m2m client got no token: %v", err)
	}
	if m2m.ClientID != out["m2mClientId"].value || m2m.Scope != "orders/read" || m2m.lifetime() != 3600 {
		t.Fatalf("the m2m access token: %+v; the program says client %s, orders/read, 1 hour", m2m, out["m2mClientId"].value)
	}
}
