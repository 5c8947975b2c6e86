package httperrfiber

import (
	"errors"

	"github.com/gofiber/fiber/v3"
	"github.com/valyala/fasthttp"

	"github.com/httperr/toolkit/httperr"
	"github.com/httperr/toolkit/internal/answer"
)

// textAnswer returns the problem for res when it is an error answer the rule of internal/answer replaces
// under rd (a 4xx/5xx text or HTML body of at most answer.MaxBody bytes, or none), and nil when res goes
// out as it is. fasthttp holds the whole body: nothing is to be held back here.
func textAnswer(rd *httperr.Renderer, res *fasthttp.Response) *httperr.Error {
	status, body := res.StatusCode(), res.Body()
	if status < 400 || len(body) > answer.MaxBody { // before the Content-Type: its string costs an allocation
		return nil
	}
	ct := string(res.Header.ContentType()) // fasthttp's default, text/plain, when none was set
	if !answer.Replace(rd, status, ct, len(body)) {
		return nil
	}
	return answer.Problem(status, ct, body)
}

// textError returns the problem that replaces t, the problem of a text answer given before the handler
// returned err: err's own when it has the status sent (the application's later, precise word, as an
// error's header fields replace the response's), t with err in its cause otherwise, so that the log names
// both.
func textError(c fiber.Ctx, t *httperr.Error, err error) error {
	if e := problem(c, err); httperr.StatusOf(e) == t.Status() {
		return e
	}
	return t.Wrap(errors.Join(t.Unwrap(), err))
}
