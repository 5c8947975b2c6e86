package httperr_test

import (
	"encoding/json"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/httperr/toolkit/httperr"
)

// TestTruncatedJSONSameDetail checks that a truncated JSON body gives the same problem whether it was decoded
// with json.Decoder (io.ErrUnexpectedEOF, through RequestBodyError) or json.Unmarshal (a *json.SyntaxError
// "unexpected end of JSON input", as fiber's c.Bind().Body and io.ReadAll-then-Unmarshal handlers get).
func TestTruncatedJSONSameDetail(t *testing.T) {
	var v struct{ Name string }
	decodeErr := json.NewDecoder(strings.NewReader(`{"name":`)).Decode(&v)
	unmarshalErr := json.Unmarshal([]byte(`{"name":`), &v)
	var se *json.SyntaxError
	if !errors.Is(decodeErr, io.ErrUnexpectedEOF) || !errors.As(unmarshalErr, &se) {
		t.Fatalf("decoder %v, unmarshal %v", decodeErr, unmarshalErr)
	}
	want := httperr.From(httperr.RequestBodyError(decodeErr))
	for name, err := range map[string]error{"bare": unmarshalErr, "wrapped": errors.Join(errors.New("binding"), unmarshalErr)} {
		t.Run(name, func(t *testing.T) {
			got := httperr.From(err)
			if got.Status() != want.Status() || got.Detail() != want.Detail() {
				t.Errorf("json.Unmarshal: %d %q, json.Decoder: %d %q", got.Status(), got.Detail(), want.Status(), want.Detail())
			}
		})
	}
	// An empty body, the same detail as json.Decoder's io.EOF.
	emptyDecode := json.NewDecoder(strings.NewReader("")).Decode(&v)
	if got, want := httperr.From(json.Unmarshal(nil, &v)).Detail(), httperr.From(httperr.RequestBodyError(emptyDecode)).Detail(); got != want || got != "request body is empty" {
		t.Errorf("empty body: json.Unmarshal %q, json.Decoder %q", got, want)
	}
	// Any other syntax error keeps its offset.
	if got := httperr.From(json.Unmarshal([]byte(`{"name":}`), &v)).Detail(); got != "request body is not valid JSON (at byte 9)" {
		t.Errorf("malformed: %q", got)
	}
}
