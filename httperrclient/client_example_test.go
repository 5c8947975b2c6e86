package httperrclient_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"time"

	"github.com/httperr/toolkit/httperr"
	"github.com/httperr/toolkit/httperrclient"
)

// clientExampleServer stands for a service that answers with problems (its renderer does not log).
func clientExampleServer() *httptest.Server {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /users/{id}", func(w http.ResponseWriter, r *http.Request) {
		clientRenderer.Render(w, r, httperr.NotFound("user").With("id", r.PathValue("id")))
	})
	mux.HandleFunc("GET /report", func(w http.ResponseWriter, r *http.Request) {
		clientRenderer.Render(w, r, httperr.ServiceUnavailable(2*time.Minute).WithDetail("scheduled maintenance"))
	})
	return httptest.NewServer(mux)
}

func ExampleFromResponse() {
	srv := clientExampleServer()
	defer srv.Close()

	res, err := http.Get(srv.URL + "/users/42")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer res.Body.Close()
	if err := httperrclient.FromResponse(res); err != nil {
		var e *httperr.Error
		if errors.As(err, &e) {
			fmt.Println(e.Status(), e.Title())
			fmt.Println(e.Detail())
			fmt.Println(e.Extensions())
		}
		fmt.Println(httperr.StatusOf(err) == http.StatusNotFound)
		return
	}
	// Decode the user from res.Body.
	// Output:
	// 404 Not Found
	// user not found
	// map[id:42]
	// true
}

func ExampleTransport() {
	srv := clientExampleServer()
	defer srv.Close()

	client := &http.Client{Transport: &httperrclient.Transport{}}
	_, err := client.Get(srv.URL + "/report")
	fmt.Println(httperr.StatusOf(err))

	var e *httperr.Error
	if errors.As(err, &e) { // through the *url.Error the Client wraps it in
		delay, ok := e.RetryAfter()
		fmt.Println(e.Detail(), delay, ok)
	}
	// Output:
	// 503
	// scheduled maintenance 2m0s true
}

func ExampleError_RetryAfter() {
	e := httperr.TooManyRequests(90 * time.Second)
	fmt.Println(e.RetryAfter())
	// Output: 1m30s true
}

func ExampleError_PassThrough() {
	srv := clientExampleServer()
	defer srv.Close()

	client := &http.Client{Transport: &httperrclient.Transport{}}
	_, err := client.Get(srv.URL + "/users/42")
	fmt.Println(httperr.StatusOf(err)) // the upstream's status, for the code that called it

	// Returned as it is, the upstream's error is a gateway error: nothing of the upstream's is sent.
	fmt.Println(clientRenderer.Prepare(context.Background(), err, httperr.Request{}).Status)

	// Passed through on purpose, it is sent as the upstream built it.
	e := httperr.From(err).PassThrough()
	fmt.Println(clientRenderer.Prepare(context.Background(), e, httperr.Request{}).Status, e.Detail())
	// Output:
	// 404
	// 502
	// 404 user not found
}
