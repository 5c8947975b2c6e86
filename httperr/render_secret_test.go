package httperr

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// secret is a cause that must never reach a client.
var errSecret = errors.New("db: dial tcp 10.0.0.7:5432: password=s3cr3t-hunter2 rejected")

const secretText = "s3cr3t-hunter2"

// secretErrors returns every way a secret cause can reach the renderer.
func secretErrors() map[string]error {
	m := map[string]error{
		"fmt.Errorf %w":           fmt.Errorf("query users: %w", errSecret),
		"plain":                   errSecret,
		"errors.Join":             errors.Join(errors.New("first"), errSecret),
		"Newf %w":                 Newf(500, "query users: %w", errSecret),
		"Newf 503 %w":             Newf(503, "upstream: %w", errSecret),
		"InternalServerError":     InternalServerError("").Wrap(errSecret),
		"BadGateway":              BadGateway("").Wrap(errSecret),
		"ServiceUnavailable":      ServiceUnavailable(time.Second).Wrap(errSecret),
		"GatewayTimeout":          GatewayTimeout("").Wrap(errSecret),
		"wrapped *Error":          fmt.Errorf("handler: %w", InternalServerError("").Wrap(errSecret)),
		"StatusCode() error":      statusCodeError{502},
		"status outside range":    New(200, "").Wrap(errSecret),
		"Recovered panic":         recovered(errSecret.Error()),
		"Recovered error panic":   recovered(errSecret),
		"4xx wrapping":            BadRequest("the request is malformed").Wrap(errSecret),
		"404 wrapping fs":         fmt.Errorf("open %s: %w", secretText, fs.ErrNotExist),
		"deadline":                fmt.Errorf("%s: %w", secretText, context.DeadlineExceeded),
		"joined with *Error":      errors.Join(errSecret, NotImplemented("")),
		"exposed member reserved": InternalServerError("").With("cause", "public").Wrap(errSecret),
	}
	for status := 500; status <= 511; status++ {
		m["New("+strconv.Itoa(status)+")"] = New(status, "").Wrap(errSecret)
		m["fmt.Errorf New("+strconv.Itoa(status)+")"] = fmt.Errorf("wrapped: %w", New(status, "").Wrap(errSecret))
	}
	return m
}

type statusCodeError struct{ code int }

func (e statusCodeError) Error() string   { return "upstream said " + errSecret.Error() }
func (e statusCodeError) StatusCode() int { return e.code }

// TestRenderSecretCause checks that no cause reaches the client, in any format, in the body or the header
// fields, while the log does get it.
func TestRenderSecretCause(t *testing.T) {
	for name, err := range secretErrors() {
		for _, accept := range []string{"", "application/problem+xml"} {
			for _, method := range []string{http.MethodGet, http.MethodHead} {
				t.Run(name+"/"+accept+"/"+method, func(t *testing.T) {
					logger, logs := captureLogger()
					res := render(&Renderer{Logger: logger}, method, "/users/42", map[string]string{"Accept": accept}, nil, err)
					b := body(t, res)
					checkProblem(t, method, res, b)
					if bytes.Contains(b, []byte(secretText)) {
						t.Errorf("secret in body:\n%s", b)
					}
					for k, vs := range res.Header {
						for _, v := range vs {
							if strings.Contains(k, secretText) || strings.Contains(v, secretText) {
								t.Errorf("secret in header %s: %s", k, v)
							}
						}
					}
					if res.StatusCode >= 500 && !strings.Contains(logs.String(), secretText) {
						t.Errorf("the log does not have the cause:\n%s", logs)
					}
				})
			}
		}
	}
}

// TestRenderExposeCause shows that the secret test above can fail: with ExposeCause the cause is sent.
func TestRenderExposeCause(t *testing.T) {
	rd := quiet(Renderer{ExposeCause: true})
	for _, accept := range []string{"", "application/problem+xml"} {
		for status := 500; status <= 511; status++ {
			res := render(rd, "GET", "/", map[string]string{"Accept": accept}, nil, New(status, "").Wrap(errSecret))
			b := body(t, res)
			checkProblem(t, "GET", res, b)
			if !bytes.Contains(b, []byte(secretText)) {
				t.Errorf("%d %s: ExposeCause did not send the cause:\n%s", status, accept, b)
			}
		}
	}
	// An extension member named cause wins over the exposed cause: no duplicate member.
	res := render(rd, "GET", "/", nil, nil, InternalServerError("").With("cause", "public").Wrap(errSecret))
	b := body(t, res)
	m := checkJSONProblem(t, 500, b)
	if m["cause"] != "public" {
		t.Errorf("cause %v", m["cause"])
	}
	// Members before and after "cause" keep their order.
	res = render(rd, "GET", "/", nil, nil, InternalServerError("").With("a", 1).With("z", 2).Wrap(errSecret))
	b = body(t, res)
	checkJSONProblem(t, 500, b)
	if keys := jsonKeys(t, b); !slices.Equal(keys[len(keys)-3:], []string{"a", "cause", "z"}) {
		t.Errorf("members %q", keys)
	}
}
