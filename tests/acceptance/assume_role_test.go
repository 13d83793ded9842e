package acceptance

import (
	"net"
	"strings"
	"testing"
)

// TestAssumeRoleProvider: an explicit provider with assumeRole in a YAML program, through the
// real engine (which hands the object to the provider as the SDKs do). With moto's STS the
// role is assumed and the client made; with an STS nothing answers at, `up` fails with one
// error naming the role.
func TestAssumeRoleProvider(t *testing.T) {
	emu := startEmulator(t, "moto")
	const role = "arn:aws:iam::123456789012:role/cognito-deployer"
	t.Run("assumed", func(t *testing.T) {
		t.Setenv("AWS_ENDPOINT_URL_STS", emu.url)
		pt := program(t, "assume-role")
		pt.SetConfig(t, "cognitoEndpoint", emu.url)
		pt.SetConfig(t, "userPoolId", emu.newPool(t, "assume-role"))
		pt.SetConfig(t, "roleArn", role)
		up := pt.Up(t)
		if id, _ := up.Outputs["clientId"].Value.(string); id == "" {
			t.Fatalf("no client id: %v", up.Outputs)
		}
	})
	t.Run("refused", func(t *testing.T) {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		closed := "http://" + l.Addr().String()
		l.Close()
		t.Setenv("AWS_ENDPOINT_URL_STS", closed)
		pt := program(t, "assume-role")
		pt.SetConfig(t, "cognitoEndpoint", emu.url)
		pt.SetConfig(t, "userPoolId", emu.newPool(t, "assume-role-refused"))
		pt.SetConfig(t, "roleArn", role)
		_, err = pt.CurrentStack().Up(pt.Context())
		if err == nil {
			t.Fatal("up succeeded without an STS")
		}
		if !strings.Contains(err.Error(), "cannot assume the role "+role) {
			t.Fatalf("the failure does not name the role: %v", err)
		}
	})
}
