package httperrclient

import (
	"io"
	"net/http"
	"time"
)

// Transport is an [http.RoundTripper] that turns error responses into errors: for a status of 400 or more
// it reads the response with [Decoder.FromResponse] and returns a nil *http.Response and the
// [*httperr.Error]. An [http.Client] wraps it in a [*net/url.Error], which [errors.As], [httperr.StatusOf]
// and [httperr.From] see through:
//
//	client := &http.Client{Transport: &httperrclient.Transport{}}
//	res, err := client.Get(url)
//	if httperr.StatusOf(err) == http.StatusNotFound { ... }
//
// Responses below 400 (redirects included, which the Client follows) pass through untouched. Its zero value
// uses [http.DefaultTransport] and the zero Decoder.
//
// # The RoundTripper contract
//
// The contract asks a RoundTripper not to interpret the response and to return a nil error whenever it
// obtained one. Transport breaks that letter on purpose, where http.Client copes: the Client treats the
// error as the request's failure, wraps it in a *url.Error, and has no body to close because Transport read
// and closed it (the bytes stay in the error, and in the Decoder's reader). What it costs is that whatever
// sits above Transport sees an error where a response came: a retry loop, a metrics or tracing layer, the
// Client's CheckRedirect. So put such layers in Base, below Transport, where they see every response; or,
// for a retry loop that owns the http.Client, as go-retryablehttp does, give it [CheckRetry] and [Backoff],
// which read the decoded *httperr.Error instead of a response.
//
// An [http.Client.Timeout] covers the body too. Transport reads an error body within the request's deadline
// and stops a little before it, so that the Client sees the *httperr.Error and not its own timeout: a body
// too slow for the deadline gives the status and header fields alone.
type Transport struct {
	// Base makes the requests; nil means http.DefaultTransport.
	Base http.RoundTripper

	// Decoder reads error responses.
	Decoder Decoder
}

// RoundTrip implements [http.RoundTripper].
func (t *Transport) RoundTrip(req *http.Request) (*http.Response, error) {
	res, err := t.base().RoundTrip(req)
	if err != nil || res.StatusCode < 400 {
		return res, err
	}
	if deadline, ok := req.Context().Deadline(); ok {
		defer cutBody(res.Body, deadline).Stop()
	}
	return nil, t.Decoder.FromResponse(res)
}

// cutBody closes body, which makes a read blocked in it return, a little before deadline: before the
// [http.Client] that set the deadline (its Timeout) gives up on RoundTrip and replaces the error it returns
// with its own "Client.Timeout exceeded while awaiting headers", losing the status. The margin, a quarter of
// the time left and at most 500ms, is for decoding what was read and for a busy scheduler: an error body
// still arriving that close to the deadline is not worth the status. A body cut short gives an error with the
// status and the header fields alone, as a truncated body does.
func cutBody(body io.Closer, deadline time.Time) *time.Timer {
	left := time.Until(deadline)
	return time.AfterFunc(left-min(left/4, 500*time.Millisecond), func() { _ = body.Close() })
}

// CloseIdleConnections closes the idle connections of the base transport, when it has such a method; an
// [http.Client] calls it from its own CloseIdleConnections.
func (t *Transport) CloseIdleConnections() {
	if c, ok := t.base().(interface{ CloseIdleConnections() }); ok {
		c.CloseIdleConnections()
	}
}

func (t *Transport) base() http.RoundTripper {
	if t.Base != nil {
		return t.Base
	}
	return http.DefaultTransport
}
