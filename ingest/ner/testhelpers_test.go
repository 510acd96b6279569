package ner

import (
	"bytes"
	"compress/gzip"
	"math/rand"
	"testing"
)

func gzipBytes(t *testing.T, b []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(b)
	zw.Close()
	return buf.Bytes()
}

func rngForTest() *rand.Rand { return rand.New(rand.NewSource(1)) }
