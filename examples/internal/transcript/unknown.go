package transcript

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

// unknownUser is the problem every example server answers for a user it does not know.
const unknownUser = `{"type":"about:blank","title":"Not Found","status":404,"detail":"user not found"}` + "\n"

// UnknownUser checks that h answers a GET of /users/424242, a user no example knows, with the 404 problem
// of httperr.NotFound("user").
func UnknownUser(t *testing.T, h http.Handler) {
	t.Helper()
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/users/424242", nil))
	CheckUnknownUser(t, w.Code, w.Header().Get("Content-Type"), w.Body.String())
}

// CheckUnknownUser is UnknownUser for servers not built on net/http (fiber): it reports, through t.Errorf,
// an answer to the GET of /users/424242 whose status, Content-Type or body is not the 404 problem's.
func CheckUnknownUser(t *testing.T, status int, contentType, body string) {
	t.Helper()
	if status != http.StatusNotFound || contentType != "application/problem+json" || body != unknownUser {
		t.Errorf("GET /users/424242: %d %q %s", status, contentType, body)
	}
}
