package httperr

import (
	"context"
	"log/slog"
	"reflect"
	"slices"
	"strconv"
)

// This file holds the renderer's logging: one record per problem, and the guards that keep a broken logger
// or a broken error from taking the response down.

// logProblem writes the record for a rendered problem e, resolved from err. When err is neither e nor e's
// cause (an *Error wrapped with context, joined with other errors, or replaced by Map), the record also has
// err's text as "chain": what e alone would not tell. A recovered panic's record has its stack as "stack".
func (rd *Renderer) logProblem(ctx context.Context, req *Request, err error, e *Error, status int, dropped []string) {
	level := slog.LevelDebug
	if status >= 500 {
		level = slog.LevelError
	}
	if len(e.extras().refused) > 0 || len(dropped) > 0 || e.badStatus != 0 {
		level = max(level, slog.LevelWarn)
	}
	// Nothing is built for a record the logger does not want: 4xx are logged at Debug, which the default
	// logger (Info) leaves out.
	logger := rd.logger()
	if !enabled(logger, ctx, level) {
		return
	}
	var extra []slog.Attr
	if err != nil && !sameError(err, e) && !sameError(err, e.Unwrap()) {
		extra = []slog.Attr{slog.Any("chain", lazyMessage{err})}
	}
	if notes := append(slices.Clip(e.extras().refused), dropped...); len(notes) > 0 || e.badStatus != 0 {
		if e.badStatus != 0 {
			notes = append(notes, "status "+strconv.Itoa(int(max(e.badStatus, 0)))+" is not an error status; sent 500")
		}
		extra = append(extra, slog.Any("problems", notes))
	}
	if stack := panicStack(e); stack != nil {
		extra = append(extra, slog.String("stack", string(stack)))
	}
	write(logger, ctx, req, e, status, level, "httperr: problem response", extra)
}

// panicStack returns the stack of the recovered panic that is e's cause (an adapter's recover, or a mapping
// that panicked), or nil.
func panicStack(e *Error) []byte {
	if p, ok := e.Unwrap().(*PanicError); ok && p != nil {
		return p.Stack
	}
	return nil
}

// sameError reports whether a and b are the same error value, without the panic of == on two values of one
// uncomparable type.
func sameError(a, b error) bool {
	if a == nil || b == nil {
		return a == b
	}
	t := reflect.TypeOf(a)
	return t == reflect.TypeOf(b) && t.Comparable() && a == b
}

// lazyMessage is an error's text for a log record, computed only when the record is written.
type lazyMessage struct{ err error }

// LogValue implements [slog.LogValuer].
func (m lazyMessage) LogValue() slog.Value { return slog.StringValue(safeMessage(m.err)) }

// log writes one record, if the logger wants it. A logger that panics is ignored.
func (rd *Renderer) log(ctx context.Context, req *Request, e *Error, status int, level slog.Level, msg string, extra []slog.Attr) {
	logger := rd.logger()
	if enabled(logger, ctx, level) {
		write(logger, ctx, req, e, status, level, msg, extra)
	}
}

// logger returns the logger to log with.
func (rd *Renderer) logger() *slog.Logger {
	if rd != nil && rd.Logger != nil {
		return rd.Logger
	}
	return slog.Default()
}

// enabled reports whether logger wants a record at level; a logger whose Enabled panics wants none.
func enabled(logger *slog.Logger, ctx context.Context, level slog.Level) (ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	return logger.Enabled(ctx, level)
}

// write writes one record that logger wants. A logger that panics is ignored.
func write(logger *slog.Logger, ctx context.Context, req *Request, e *Error, status int, level slog.Level, msg string, extra []slog.Attr) {
	defer func() { _ = recover() }() // a broken logger (Handle panicking) must not take the response down
	attrs := make([]slog.Attr, 0, 5+len(extra))
	if status != 0 {
		attrs = append(attrs, slog.Int("status", status))
	}
	attrs = append(attrs, slog.String("method", req.Method), slog.String("path", req.Path))
	if e != nil {
		attrs = append(attrs, slog.Any("error", e))
	}
	attrs = append(attrs, extra...)
	logger.LogAttrs(ctx, level, msg, attrs...)
}
