package tinyaes

import (
	"bytes"
	"encoding/hex"
	"testing"
)

func TestKnownAnswers(t *testing.T) {
	vs, err := KnownAnswerVectors()
	if err != nil || len(vs) < 3 {
		t.Fatalf("vectors: %d %v", len(vs), err)
	}
	for _, v := range vs {
		key, _ := hex.DecodeString(v.Key)
		pt, _ := hex.DecodeString(v.Plaintext)
		c, err := New(key)
		if err != nil {
			t.Fatal(err)
		}
		out := make([]byte, BlockSize)
		c.Encrypt(out, pt)
		if got := hex.EncodeToString(out); got != v.Ciphertext {
			t.Errorf("%s: got %s want %s", v.Name, got, v.Ciphertext)
		}
	}
	if !SelfTest() {
		t.Error("SelfTest failed")
	}
}

func TestCTRRoundTrip(t *testing.T) {
	c, _ := New(selfTestKey)
	iv := make([]byte, BlockSize)
	msg := []byte("counter mode turns a block cipher into a stream cipher, 61 bytes")
	enc := make([]byte, len(msg))
	c.XORKeyStream(enc, msg, iv)
	dec := make([]byte, len(enc))
	c.XORKeyStream(dec, enc, iv)
	if !bytes.Equal(dec, msg) || bytes.Equal(enc, msg) {
		t.Fatal("CTR round trip failed")
	}
	if invSbox[sbox[0x53]] != 0x53 {
		t.Fatal("inverse sbox")
	}
}
