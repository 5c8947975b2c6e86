// Command nethttp serves a small users API with net/http's ServeMux and the httperrhttp adapter: handlers
// return errors, and httperrhttp.Middleware renders them, ServeMux's own 404 and 405, and panics as
// RFC 9457 problems. Its own problem type, out-of-credit, is documented at its URI (GET /problems/...), and
// /openapi.json describes the API and every problem it can send.
//
//	go run ./examples/nethttp -addr 127.0.0.1:8080 -origin http://localhost:8080
package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net/http"
	"net/mail"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"

	httperrhttp "github.com/httperr/toolkit/adapters/nethttp"
	"github.com/httperr/toolkit/httperr"
	"github.com/httperr/toolkit/httperrdoc"
	"golang.org/x/text/language"
)

type user struct {
	ID    int    `json:"id"`
	Name  string `json:"name"`
	Email string `json:"email"`
}

var (
	mu    sync.Mutex
	users = map[int]user{1: {ID: 1, Name: "Ada Lovelace", Email: "ada@example.com"}}
)

func getUserByID(id string) (user, error) {
	n, _ := strconv.Atoi(id)
	mu.Lock()
	u, ok := users[n]
	mu.Unlock()
	if !ok {
		return user{}, httperr.NotFound("user") // 404, detail "user not found"
	}
	return u, nil
}

func getUser(w http.ResponseWriter, r *http.Request) error {
	u, err := getUserByID(r.PathValue("id"))
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/json")
	return json.NewEncoder(w).Encode(u)
}

func createUser(w http.ResponseWriter, r *http.Request) error {
	var in user
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 4<<10)).Decode(&in); err != nil {
		return httperr.RequestBodyError(err) // 400 for JSON that does not parse, 413 past the limit
	}
	var vs []httperr.Violation
	if in.Name == "" {
		vs = append(vs, httperr.Violation{Pointer: "#/name", Code: "required"}) // detail: the catalog's, in the client's language
	}
	if a, err := mail.ParseAddress(in.Email); in.Email == "" {
		vs = append(vs, httperr.Violation{Pointer: "#/email", Code: "required"})
	} else if err != nil || a.Address != in.Email {
		vs = append(vs, httperr.Violation{Pointer: "#/email", Code: "email"})
	}
	if vs != nil {
		return httperr.Validation(vs...) // 422, one violation per field
	}
	mu.Lock()
	defer mu.Unlock()
	for _, u := range users {
		if strings.EqualFold(u.Email, in.Email) {
			return httperr.Conflict("email is already registered").
				With("email", in.Email).With("existing_user", "/users/"+strconv.Itoa(u.ID))
		}
	}
	in.ID = len(users) + 1
	users[in.ID] = in
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Location", "/users/"+strconv.Itoa(in.ID))
	w.WriteHeader(http.StatusCreated)
	return json.NewEncoder(w).Encode(in)
}

// outOfCreditType is RFC 9457 section 3's example type, with its URI under the service's origin.
func outOfCreditType(origin string) httperr.ProblemType {
	return httperr.NewProblemType(origin+"/problems/out-of-credit", http.StatusForbidden,
		httperr.TypeText{Tag: language.English, Title: "You do not have enough credit",
			Description: "The account's balance does not cover the price of the upgrade.",
			Members:     map[string]string{"balance": "The account's balance, in credits.", "accounts": "The accounts that could pay instead."}},
		httperr.TypeText{Tag: language.French, Title: "Crédit insuffisant",
			Description: "Le solde du compte ne couvre pas le prix de la mise à niveau.",
			Members:     map[string]string{"balance": "Le solde du compte, en crédits.", "accounts": "Les comptes qui pourraient payer à sa place."}},
	).WithMembers(
		httperr.Member{Name: "balance", Schema: `{"type":"integer"}`, Example: 30, Required: true},
		httperr.Member{Name: "accounts", Schema: `{"type":"array","items":{"type":"string"}}`, Example: []string{"/users/1"}},
	)
}

// newServer returns the API; origin is the scheme and authority its clients reach it at, under which the
// problem types it declares are documented.
func newServer(rd *httperr.Renderer, origin string) http.Handler {
	outOfCredit := outOfCreditType(origin)
	mux := http.NewServeMux()
	mux.Handle("POST /users/{id}/upgrade", httperrhttp.HandlerFunc(func(w http.ResponseWriter, r *http.Request) error {
		if _, err := getUserByID(r.PathValue("id")); err != nil {
			return err
		}
		return outOfCredit.New("Your balance is 30 credits, but the upgrade costs 50.").
			With("balance", 30).With("accounts", []string{"/users/1"})
	}))
	mux.Handle("GET /problems/", httperrdoc.Handler(rd, origin+"/problems/", outOfCredit))
	spec := openAPIDocument(origin, outOfCredit)
	mux.HandleFunc("GET /openapi.json", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Write(spec) //nolint:errcheck // the client went away
	})
	mux.Handle("GET /users/{id}", httperrhttp.HandlerFunc(getUser))
	mux.Handle("POST /users", httperrhttp.HandlerFunc(createUser))
	mux.Handle("GET /maintenance", httperrhttp.HandlerFunc(func(http.ResponseWriter, *http.Request) error {
		return httperr.ServiceUnavailable(2 * time.Minute).WithDetail("scheduled maintenance") // Retry-After: 120
	}))
	mux.Handle("GET /report", httperrhttp.HandlerFunc(func(http.ResponseWriter, *http.Request) error {
		return fmt.Errorf("building report: %w", errors.New("db: password=hunter2")) // a 500; the cause is only logged
	}))
	mux.HandleFunc("GET /panic", func(http.ResponseWriter, *http.Request) { panic("boom") })
	return httperrhttp.Middleware(rd)(mux)
}

func main() {
	addr := flag.String("addr", "127.0.0.1:8080", "address to listen on")
	origin := flag.String("origin", "http://localhost:8080", "scheme and authority clients reach the server at, for the URIs of its problem types")
	flag.Parse()
	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelDebug}))
	logger.Info("listening", "addr", *addr)
	if err := http.ListenAndServe(*addr, newServer(&httperr.Renderer{Logger: logger}, *origin)); err != nil {
		logger.Error("server stopped", "error", err)
		os.Exit(1)
	}
}
