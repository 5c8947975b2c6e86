package statustext

import (
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// ianaCodes lists every code of IANA's HTTP Status Code Registry, which
// includes every code of the French seed. 104 is provisionally registered.
var ianaCodes = []int{
	100, 101, 102, 103, 104,
	200, 201, 202, 203, 204, 205, 206, 207, 208, 226,
	300, 301, 302, 303, 304, 305, 306, 307, 308,
	400, 401, 402, 403, 404, 405, 406, 407, 408, 409,
	410, 411, 412, 413, 414, 415, 416, 417, 418,
	421, 422, 423, 424, 425, 426, 428, 429, 431, 451,
	500, 501, 502, 503, 504, 505, 506, 507, 508, 510, 511,
}

// renamedFromNetHTTP lists the codes whose English title intentionally
// differs from http.StatusText: net/http keeps the pre-RFC 9110 names.
var renamedFromNetHTTP = map[int]string{
	413: "Content Too Large",     // net/http: "Request Entity Too Large"
	414: "URI Too Long",          // net/http: "Request URI Too Long"
	416: "Range Not Satisfiable", // net/http: "Requested Range Not Satisfiable"
	422: "Unprocessable Content", // net/http: "Unprocessable Entity"
}

func TestCatalogComplete(t *testing.T) {
	for code := 100; code <= 599; code++ {
		t.Run(strconv.Itoa(code), func(t *testing.T) {
			for _, lang := range []int{English, French} {
				title, desc := Text(code, lang)
				if title == "" || desc == "" {
					t.Errorf("Text(%d, %d) = %q, %q; want non-empty", code, lang, title, desc)
				}
				if strings.TrimSpace(title) != title || strings.TrimSpace(desc) != desc {
					t.Errorf("Text(%d, %d) = %q, %q; has surrounding space", code, lang, title, desc)
				}
			}
			if en, _ := Text(code, English); title(code) != en {
				t.Errorf("title(%d) = %q; catalogText gives %q", code, title(code), en)
			}
			if _, en := Text(code, English); description(code) != en {
				t.Errorf("description(%d) = %q; catalogText gives %q", code, description(code), en)
			}
			if Slug(code) == "" {
				t.Errorf("Slug(%d) is empty", code)
			}
		})
	}
}

func TestCatalogOutOfRange(t *testing.T) {
	for _, code := range []int{-1, 0, 1, 99, 600, 999, 1000} {
		t.Run(strconv.Itoa(code), func(t *testing.T) {
			if Registered(code) {
				t.Errorf("Registered(%d) = true", code)
			}
			if got := title(code); got != "" {
				t.Errorf("title(%d) = %q; want \"\"", code, got)
			}
			if got := description(code); got != "" {
				t.Errorf("description(%d) = %q; want \"\"", code, got)
			}
			for _, lang := range []int{English, French} {
				if title, desc := Text(code, lang); title != "" || desc != "" {
					t.Errorf("Text(%d, %d) = %q, %q; want empty", code, lang, title, desc)
				}
			}
			if got := Slug(code); got != "" {
				t.Errorf("Slug(%d) = %q; want \"\"", code, got)
			}
		})
	}
}

func TestCatalogRegistered(t *testing.T) {
	var got []int
	for code := -1; code <= 1000; code++ {
		if Registered(code) {
			got = append(got, code)
		}
	}
	if !slices.Equal(got, ianaCodes) {
		t.Errorf("registered codes:\n got %v\nwant %v", got, ianaCodes)
	}
}

func TestTitleFallback(t *testing.T) {
	tests := []struct {
		code     int
		en, fr   string
		enDetail string
	}{
		{199, "Informational", "Information", "The request was received and the process is continuing."},
		{299, "Successful", "Succès", "The request was successfully received, understood, and accepted."},
		{399, "Redirection", "Redirection", "Further action needs to be taken in order to complete the request."},
		{460, "Client Error", "Erreur du client", "The request contains bad syntax or cannot be fulfilled."},
		{499, "Client Error", "Erreur du client", "The request contains bad syntax or cannot be fulfilled."},
		{597, "Server Error", "Erreur du serveur", "The server failed to fulfill an apparently valid request."},
	}
	for _, tt := range tests {
		t.Run(strconv.Itoa(tt.code), func(t *testing.T) {
			if Registered(tt.code) {
				t.Fatalf("Registered(%d) = true; want an unregistered code", tt.code)
			}
			if got := title(tt.code); got != tt.en {
				t.Errorf("title(%d) = %q; want %q", tt.code, got, tt.en)
			}
			if got, _ := ClassText(tt.code/100, English); got != tt.en {
				t.Errorf("ClassText(%d) = %q; want %q", tt.code/100, got, tt.en)
			}
			if got := description(tt.code); got != tt.enDetail {
				t.Errorf("description(%d) = %q; want %q", tt.code, got, tt.enDetail)
			}
			if got, _ := Text(tt.code, French); got != tt.fr {
				t.Errorf("French title of %d = %q; want %q", tt.code, got, tt.fr)
			}
		})
	}
}

func TestTitleExact(t *testing.T) {
	tests := []struct {
		code   int
		en, fr string
	}{
		{103, "Early Hints", "Indications préliminaires"},
		{104, "Upload Resumption Supported", "Reprise de téléversement prise en charge"},
		{306, "Unused", "Inutilisé"},
		{400, "Bad Request", "Requête incorrecte"},
		{401, "Unauthorized", "Non autorisé"},
		{402, "Payment Required", "Paiement requis"},
		{403, "Forbidden", "Interdit"},
		{404, "Not Found", "Ressource introuvable"},
		{407, "Proxy Authentication Required", "Authentification du proxy requise"},
		{409, "Conflict", "Conflit"},
		{411, "Length Required", "Longueur requise"},
		{413, "Content Too Large", "Contenu trop volumineux"},
		{414, "URI Too Long", "URI trop longue"},
		{416, "Range Not Satisfiable", "Plage non satisfaisable"},
		{418, "I'm a teapot", "Je suis une théière"},
		{422, "Unprocessable Content", "Contenu non traitable"},
		{429, "Too Many Requests", "Trop de requêtes"},
		{500, "Internal Server Error", "Erreur interne du serveur"},
		{503, "Service Unavailable", "Service indisponible"},
		{510, "Not Extended", "Non étendu"},
	}
	for _, tt := range tests {
		t.Run(strconv.Itoa(tt.code), func(t *testing.T) {
			if got := title(tt.code); got != tt.en {
				t.Errorf("title(%d) = %q; want %q", tt.code, got, tt.en)
			}
			if got, _ := Text(tt.code, French); got != tt.fr {
				t.Errorf("French title of %d = %q; want %q", tt.code, got, tt.fr)
			}
		})
	}
	want := "The server encountered an unexpected condition that prevented it from fulfilling the request."
	if got := description(500); got != want {
		t.Errorf("description(500) = %q; want %q", got, want)
	}
}

// TestTitleMatchesNetHTTP checks that every English title of a code net/http
// knows equals http.StatusText, unless it is an intentional RFC 9110 rename.
func TestTitleMatchesNetHTTP(t *testing.T) {
	for code := 100; code <= 599; code++ {
		std := http.StatusText(code)
		if std == "" {
			continue
		}
		t.Run(strconv.Itoa(code), func(t *testing.T) {
			if !Registered(code) {
				t.Errorf("net/http knows %d (%q), but it is not registered", code, std)
			}
			got := title(code)
			if want, renamed := renamedFromNetHTTP[code]; renamed {
				if got != want {
					t.Errorf("title(%d) = %q; want RFC 9110 name %q", code, got, want)
				}
				if got == std {
					t.Errorf("title(%d) = %q equals http.StatusText; drop it from renamedFromNetHTTP", code, got)
				}
				return
			}
			if got != std {
				t.Errorf("title(%d) = %q; http.StatusText = %q and the code is not an allowed rename", code, got, std)
			}
		})
	}
}

func TestSlug(t *testing.T) {
	tests := []struct {
		code int
		want string
	}{
		{100, "continue"},
		{200, "ok"},
		{203, "non-authoritative-information"},
		{207, "multi-status"},
		{226, "im-used"},
		{306, "unused"},
		{404, "not-found"},
		{413, "content-too-large"},
		{414, "uri-too-long"},
		{418, "im-a-teapot"},
		{422, "unprocessable-content"},
		{460, "client-error"},
		{499, "client-error"},
		{505, "http-version-not-supported"},
		{597, "server-error"},
		{199, "informational"},
		{0, ""},
		{600, ""},
	}
	for _, tt := range tests {
		t.Run(strconv.Itoa(tt.code), func(t *testing.T) {
			if got := Slug(tt.code); got != tt.want {
				t.Errorf("Slug(%d) = %q; want %q", tt.code, got, tt.want)
			}
		})
	}
}

func TestSlugWellFormed(t *testing.T) {
	seen := make(map[string]int)
	for code := 100; code <= 599; code++ {
		s := Slug(code)
		for i := 0; i < len(s); i++ {
			c := s[i]
			if !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-') {
				t.Errorf("Slug(%d) = %q; has byte %q", code, s, c)
			}
		}
		if s == "" || strings.HasPrefix(s, "-") || strings.HasSuffix(s, "-") || strings.Contains(s, "--") {
			t.Errorf("Slug(%d) = %q; malformed", code, s)
		}
		if Registered(code) {
			if prev, dup := seen[s]; dup {
				t.Errorf("Slug(%d) = %q; same as Slug(%d)", code, s, prev)
			}
			seen[s] = code
		}
	}
}

func TestDescriptionStyle(t *testing.T) {
	banned := []string{"page", "navigateur", "browser", "  ", " .", " ,"}
	for code := 100; code <= 599; code++ {
		t.Run(strconv.Itoa(code), func(t *testing.T) {
			for _, lang := range []int{English, French} {
				title, desc := Text(code, lang)
				if !strings.HasSuffix(desc, ".") {
					t.Errorf("description of %d in lang %d does not end with '.': %q", code, lang, desc)
				}
				if strings.HasSuffix(title, ".") {
					t.Errorf("title of %d in lang %d ends with '.': %q", code, lang, title)
				}
				lower := strings.ToLower(title + " | " + desc)
				for _, w := range banned {
					if strings.Contains(lower, w) {
						t.Errorf("text of %d in lang %d contains %q: %q / %q", code, lang, w, title, desc)
					}
				}
			}
		})
	}
}

func TestCatalogAllocs(t *testing.T) {
	var sink, sink2 string
	codes := []int{-1, 100, 404, 418, 460, 599, 600}
	allocs := testing.AllocsPerRun(100, func() {
		for _, code := range codes {
			for _, lang := range []int{English, French} {
				sink, sink2 = Text(code, lang)
			}
		}
	})
	if allocs != 0 {
		t.Errorf("catalogText allocates %v times per run; want 0", allocs)
	}
	allocs = testing.AllocsPerRun(100, func() {
		for _, code := range codes {
			sink = Slug(code)
		}
	})
	if allocs != 0 {
		t.Errorf("slug allocates %v times per run; want 0", allocs)
	}
	allocs = testing.AllocsPerRun(100, func() {
		for _, code := range codes {
			sink = title(code)
			sink = description(code)
		}
	})
	if allocs != 0 {
		t.Errorf("Title/Description allocate %v times per run; want 0", allocs)
	}
	_, _ = sink, sink2
}

// title and description are Text's English title and description.
func title(code int) string {
	t, _ := Text(code, English)
	return t
}

func description(code int) string {
	_, d := Text(code, English)
	return d
}
