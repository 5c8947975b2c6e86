package httperr

import "sync"

// buffer is a pooled byte buffer that a problem document is encoded into before anything is written, as
// log/slog encodes a record into its buffer.Buffer: newBuffer takes one from the pool, free puts it back.
type buffer []byte

var bufferPool = sync.Pool{New: func() any { b := make(buffer, 0, 1024); return &b }}

// newBuffer returns an empty buffer from the pool.
func newBuffer() *buffer { return bufferPool.Get().(*buffer) }

// free returns b to the pool, unless it grew too large to keep: b must not be used afterwards.
func (b *buffer) free() {
	const maxSize = 64 << 10 // a huge problem (a 1 MiB detail) does not pin its memory in the pool
	if cap(*b) <= maxSize {
		*b = (*b)[:0]
		bufferPool.Put(b)
	}
}
