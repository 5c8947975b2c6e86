package httperrclient_test

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/httperr/toolkit/httperr"
	"github.com/httperr/toolkit/httperrclient"
	"github.com/httperr/toolkit/internal/testkit"
)

func TestProblemTypeMatchesDecoded(t *testing.T) {
	// A decoded response matches by URI, as a client sees the type.
	outOfCredit := httperr.NewProblemType("https://example.com/problems/out-of-credit", http.StatusForbidden)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		testkit.Quiet().Render(w, r, outOfCredit.New("slow down"))
	}))
	defer srv.Close()
	res, err := http.Get(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	decoded := httperrclient.FromResponse(res)
	res.Body.Close()
	otherType := httperr.NewProblemType("https://example.com/problems/other", http.StatusForbidden)
	tests := []struct {
		name string
		typ  httperr.ProblemType
		want bool
	}{
		{"decoded", outOfCredit, true},
		{"decoded, other type", otherType, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.typ.Matches(decoded); got != tc.want {
				t.Errorf("Matches = %v", got)
			}
		})
	}
}
