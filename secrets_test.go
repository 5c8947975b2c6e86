package toolkit_test

// No cause reaches a client, through any adapter.

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/httperr/toolkit/httperr"
	"github.com/httperr/toolkit/internal/testkit"
)

// The secret every cause below carries.
const secretText = "pa55w0rd-TOPSECRET"

var errSecret = errors.New("dial db.internal:5432 user=admin password=" + secretText)

type secretStatusCoder struct{ code int }

func (e secretStatusCoder) Error() string   { return "upstream " + secretText }
func (e secretStatusCoder) StatusCode() int { return e.code }

type secretHTTPStatuser struct{ code int }

func (e secretHTTPStatuser) Error() string   { return "remote " + secretText }
func (e secretHTTPStatuser) HTTPStatus() int { return e.code }

type secretViolator struct{}

func (secretViolator) Error() string { return "validation, token=" + secretText }
func (secretViolator) Violations() []httperr.Violation {
	return []httperr.Violation{{Pointer: "#/name", Detail: "is required"}}
}

// secretCases returns every way a secret cause can reach an adapter: each 5xx constructor, each foreign error
// the core maps, plain errors, and each kind of panic. Each handler fails or panics with errSecret inside.
func secretCases(t *testing.T) map[string]func() error {
	var syntaxErr *json.SyntaxError
	if err := json.Unmarshal([]byte(`{"a":`+secretText), new(any)); !errors.As(err, &syntaxErr) {
		t.Fatalf("no *json.SyntaxError: %v", err)
	}
	var typeErr *json.UnmarshalTypeError
	if err := json.Unmarshal([]byte(`{"age":"x"}`), new(struct {
		Age int `json:"age"`
	})); !errors.As(err, &typeErr) {
		t.Fatalf("no *json.UnmarshalTypeError: %v", err)
	}
	fail := func(err error) func() error { return func() error { return err } }
	wrap := func(err error) error { return fmt.Errorf("%s: %w", secretText, err) }
	cases := map[string]func() error{
		"InternalServerError":           fail(httperr.InternalServerError("").Wrap(errSecret)),
		"NotImplemented":                fail(httperr.NotImplemented("").Wrap(errSecret)),
		"BadGateway":                    fail(httperr.BadGateway("").Wrap(errSecret)),
		"ServiceUnavailable":            fail(httperr.ServiceUnavailable(time.Minute).Wrap(errSecret)),
		"GatewayTimeout":                fail(httperr.GatewayTimeout("").Wrap(errSecret)),
		"HTTPVersionNotSupported":       fail(httperr.HTTPVersionNotSupported("").Wrap(errSecret)),
		"VariantAlsoNegotiates":         fail(httperr.VariantAlsoNegotiates("").Wrap(errSecret)),
		"InsufficientStorage":           fail(httperr.InsufficientStorage("").Wrap(errSecret)),
		"LoopDetected":                  fail(httperr.LoopDetected("").Wrap(errSecret)),
		"NotExtended":                   fail(httperr.NotExtended("").Wrap(errSecret)),
		"NetworkAuthenticationRequired": fail(httperr.NetworkAuthenticationRequired("").Wrap(errSecret)),
		"Newf 5xx %w":                   fail(httperr.Newf(502, "calling billing: %w", errSecret)),
		"wrapped 5xx *Error":            fail(fmt.Errorf("handler: %w", httperr.BadGateway("").Wrap(errSecret))),
		"plain error":                   fail(errSecret),
		"fmt.Errorf %w":                 fail(fmt.Errorf("load report: %w", errSecret)),
		"errors.Join":                   fail(errors.Join(errors.New("first"), errSecret)),
		"StatusCode() 502":              fail(secretStatusCoder{502}),
		"StatusCode() 409":              fail(secretStatusCoder{409}),
		"StatusCode() out of range":     fail(secretStatusCoder{200}),
		"HTTPStatus() 503":              fail(secretHTTPStatuser{503}),
		"HTTPStatus() 404":              fail(secretHTTPStatuser{404}),
		"Violator":                      fail(secretViolator{}),
		"*http.MaxBytesError":           fail(wrap(&http.MaxBytesError{Limit: 4096})),
		"context.DeadlineExceeded":      fail(wrap(context.DeadlineExceeded)),
		"context.Canceled":              fail(wrap(context.Canceled)),
		"fs.ErrNotExist":                fail(&fs.PathError{Op: "open", Path: "/srv/" + secretText, Err: fs.ErrNotExist}),
		"fs.ErrPermission":              fail(&fs.PathError{Op: "open", Path: "/srv/" + secretText, Err: fs.ErrPermission}),
		"*json.SyntaxError":             fail(wrap(syntaxErr)),
		"*json.UnmarshalTypeError":      fail(wrap(typeErr)),
		"panic string":                  func() error { panic("boom " + secretText) },
		"panic error":                   func() error { panic(errSecret) },
		"panic wrapped error":           func() error { panic(fmt.Errorf("query: %w", errSecret)) },
		"panic 5xx *Error":              func() error { panic(httperr.InternalServerError("").Wrap(errSecret)) },
		"panic 4xx *Error":              func() error { panic(httperr.BadRequest("bad").Wrap(errSecret)) },
		"panic struct":                  func() error { panic(struct{ DSN string }{secretText}) },
	}
	return cases
}

// serveSecret answers GET /secret, whose handler is fn, with framework fw and renderer rd.
func serveSecret(fw func(*httperr.Renderer, ...route) http.Handler, rd *httperr.Renderer, fn func() error, accept string) answer {
	h := fw(rd, route{Method: "GET", Pattern: "/secret", Handler: func(http.ResponseWriter, *http.Request) error { return fn() }})
	return serve(h, "GET", "/secret", "", map[string]string{"Accept": accept})
}

// TestSecretsNeverSent checks that no cause reaches a client, through any adapter, in JSON or XML, in the
// body or any header field, while the log does get it.
func TestSecretsNeverSent(t *testing.T) {
	for name, fn := range secretCases(t) {
		for _, fw := range frameworks {
			for _, accept := range []string{"application/problem+json", "application/problem+xml"} {
				t.Run(name+"/"+fw.name+"/"+accept, func(t *testing.T) {
					var logs testkit.LogBuffer
					rd := testkit.LogJSON(&logs)
					got := serveSecret(fw.serve, rd, fn, accept)
					if got.status < 400 || got.header.Get("Content-Type") != accept {
						t.Errorf("status %d, Content-Type %q, body %s", got.status, got.header.Get("Content-Type"), got.body)
					}
					if strings.Contains(got.body, secretText) {
						t.Errorf("secret in the body:\n%s", got.body)
					}
					for k, vs := range got.header {
						for _, v := range vs {
							if strings.Contains(k+v, secretText) {
								t.Errorf("secret in header %s: %s", k, v)
							}
						}
					}
					if !strings.Contains(logs.String(), secretText) {
						t.Errorf("the log lacks the cause, so the test proves nothing:\n%s", logs.String())
					}
				})
			}
		}
	}
}

// TestSecretsExposeCause shows that the test above can fail: with ExposeCause every one of its causes is
// sent, through every adapter and in both formats.
func TestSecretsExposeCause(t *testing.T) {
	rd := testkit.Quiet()
	rd.ExposeCause = true
	for name, fn := range secretCases(t) {
		for _, fw := range frameworks {
			for _, accept := range []string{"application/problem+json", "application/problem+xml"} {
				got := serveSecret(fw.serve, rd, fn, accept)
				if !strings.Contains(got.body, secretText) {
					t.Errorf("%s/%s/%s: ExposeCause did not send the cause:\n%s", name, fw.name, accept, got.body)
				}
			}
		}
	}
}
