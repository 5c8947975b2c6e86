package httperr

import (
	"io"

	"github.com/httperr/toolkit/internal/errchain"
)

// RequestBodyError returns the error to answer for a failed decode of a request body: an empty body (io.EOF)
// and a truncated one (io.ErrUnexpectedEOF) become 400 problems wrapping err; any other error is returned as
// it is, for [From] to map. Like From, it follows the chain as errors.Is does, within the same bound (*json.SyntaxError to 400, *http.MaxBytesError to 413, ...). io.EOF is not mapped
// everywhere because, outside a body decode, it may be the server's own failure.
func RequestBodyError(err error) error {
	switch {
	case err == nil:
		return nil
	case errchain.Is(err, io.EOF):
		return BadRequest("request body is empty").Wrap(err)
	case errchain.Is(err, io.ErrUnexpectedEOF):
		return BadRequest("request body is not valid JSON (unexpected end)").Wrap(err)
	}
	return err
}
