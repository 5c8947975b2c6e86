// Package httperrclient is the client side of package httperr: it turns problem responses (RFC 9457,
// application/problem+json or application/problem+xml) back into [*httperr.Error] values, so that
// httperr.StatusOf(err) == 404 holds on both sides of the wire.
//
//	client := &http.Client{Transport: &httperrclient.Transport{}}
//	res, err := client.Get(url)
//	if httperr.StatusOf(err) == http.StatusNotFound { ... }
//
// [FromResponse] and [Decoder] read one response; [Transport] makes an [http.Client] return the error
// instead of the response; [CheckRetry] and [Backoff] are retry policies for loops such as
// go-retryablehttp's. An error decoded here is another service's account of its own failure: rendered by
// this service, it is a 502 (504 for a remote 504) with nothing of the upstream's, unless the handler passes
// it on with [httperr.Error.PassThrough] (see [httperr.Error.Remote]).
package httperrclient
