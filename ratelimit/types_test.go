package ratelimit_test

import (
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"

	"github.com/httperr/toolkit/httperrclient"
	"github.com/httperr/toolkit/internal/testkit"
	"github.com/httperr/toolkit/ratelimit"
)

func TestTypesRender(t *testing.T) {
	rd := testkit.Quiet()
	rd.TypeBase = "https://example.com/problems/"
	tests := []struct {
		name   string
		err    error
		header []string
		status int
		lang   string
		body   string
	}{
		{"quota exceeded", ratelimit.QuotaExceeded().New("").With(ratelimit.ViolatedPolicies, []string{"daily"}), nil, 429, "en",
			`{"type":"https://iana.org/assignments/http-problem-types#quota-exceeded","title":"Request cannot be satisfied as assigned quota has been exceeded","status":429,"detail":"The client exceeded a quota that the server assigned to it; the RateLimit and RateLimit-Policy fields say which, and when it resets.","violated-policies":["daily"]}`},
		{"temporary reduced capacity", ratelimit.TemporaryReducedCapacity().New("d").WithRetryAfter(30e9), []string{"Accept-Language", "fr"}, 503, "fr",
			`{"type":"https://iana.org/assignments/http-problem-types#temporary-reduced-capacity","title":"La requête ne peut être satisfaite en raison d'une réduction temporaire de la capacité du serveur","status":503,"detail":"d"}`},
		{"abnormal usage", ratelimit.AbnormalUsageDetected().New("d"), nil, 429, "en",
			`{"type":"https://iana.org/assignments/http-problem-types#abnormal-usage-detected","title":"Request not satisfied due to detection of abnormal request pattern","status":429,"detail":"d"}`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { testkit.CheckRender(t, rd, tc.err, tc.header, tc.status, tc.lang, tc.body) })
	}
}

func TestTypesMatchDecoded(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		testkit.Quiet().Render(w, r, ratelimit.QuotaExceeded().New("slow down"))
	}))
	defer srv.Close()
	res, err := http.Get(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	decoded := httperrclient.FromResponse(res)
	res.Body.Close()
	if !ratelimit.QuotaExceeded().Matches(decoded) || ratelimit.AbnormalUsageDetected().Matches(decoded) {
		t.Errorf("decoded %v matches wrongly", decoded)
	}
}

func TestTypesAreShared(t *testing.T) {
	var wg sync.WaitGroup
	rd := testkit.Quiet()
	for i := range 8 {
		wg.Go(func() {
			for range 50 {
				lang := []string{"en", "fr"}[i%2]
				w := testkit.Render(rd, ratelimit.QuotaExceeded().New("").With(ratelimit.ViolatedPolicies, []string{"daily"}), "Accept-Language", lang)
				if w.Code != 429 || w.Header().Get("Content-Language") != lang {
					t.Errorf("%d %q", w.Code, w.Header().Get("Content-Language"))
					return
				}
			}
		})
	}
	wg.Wait()
	if ratelimit.QuotaExceeded().URI() != "https://iana.org/assignments/http-problem-types#quota-exceeded" ||
		ratelimit.TemporaryReducedCapacity().Status() != 503 || ratelimit.AbnormalUsageDetected().Members()[0].Name != ratelimit.ViolatedPolicies {
		t.Error("built-in types")
	}
}
