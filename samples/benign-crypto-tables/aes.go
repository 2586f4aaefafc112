// Package tinyaes is a small, dependency-free AES-128 block cipher with a
// CTR-mode stream, written for teaching; use crypto/aes in production.
package tinyaes

import (
	"encoding/binary"
	"errors"
)

// BlockSize is the AES block size in bytes.
const BlockSize = 16

// Cipher is an expanded AES-128 key.
type Cipher struct {
	rk [44]uint32
}

// ErrKeySize is returned for keys that are not 16 bytes long.
var ErrKeySize = errors.New("tinyaes: key must be 16 bytes")

// New expands a 16-byte key.
func New(key []byte) (*Cipher, error) {
	if len(key) != 16 {
		return nil, ErrKeySize
	}
	c := &Cipher{}
	for i := 0; i < 4; i++ {
		c.rk[i] = binary.BigEndian.Uint32(key[4*i:])
	}
	for i := 4; i < 44; i++ {
		t := c.rk[i-1]
		if i%4 == 0 {
			t = subWord(t<<8|t>>24) ^ uint32(rcon[i/4-1])<<24
		}
		c.rk[i] = c.rk[i-4] ^ t
	}
	return c, nil
}

func subWord(w uint32) uint32 {
	return uint32(sbox[w>>24])<<24 | uint32(sbox[w>>16&0xff])<<16 | uint32(sbox[w>>8&0xff])<<8 | uint32(sbox[w&0xff])
}

func xtime(b byte) byte {
	if b&0x80 != 0 {
		return b<<1 ^ 0x1b
	}
	return b << 1
}

func addRoundKey(s *[16]byte, rk []uint32) {
	for c := 0; c < 4; c++ {
		s[4*c] ^= byte(rk[c] >> 24)
		s[4*c+1] ^= byte(rk[c] >> 16)
		s[4*c+2] ^= byte(rk[c] >> 8)
		s[4*c+3] ^= byte(rk[c])
	}
}

func subBytesShiftRows(s *[16]byte) {
	var t [16]byte
	for c := 0; c < 4; c++ {
		for r := 0; r < 4; r++ {
			t[4*c+r] = sbox[s[4*((c+r)%4)+r]]
		}
	}
	*s = t
}

func mixColumns(s *[16]byte) {
	for c := 0; c < 4; c++ {
		a0, a1, a2, a3 := s[4*c], s[4*c+1], s[4*c+2], s[4*c+3]
		all := a0 ^ a1 ^ a2 ^ a3
		s[4*c] ^= all ^ xtime(a0^a1)
		s[4*c+1] ^= all ^ xtime(a1^a2)
		s[4*c+2] ^= all ^ xtime(a2^a3)
		s[4*c+3] ^= all ^ xtime(a3^a0)
	}
}

// Encrypt encrypts one 16-byte block from src into dst.
func (c *Cipher) Encrypt(dst, src []byte) {
	var s [16]byte
	copy(s[:], src[:BlockSize])
	addRoundKey(&s, c.rk[0:4])
	for round := 1; round < 10; round++ {
		subBytesShiftRows(&s)
		mixColumns(&s)
		addRoundKey(&s, c.rk[4*round:4*round+4])
	}
	subBytesShiftRows(&s)
	addRoundKey(&s, c.rk[40:44])
	copy(dst, s[:])
}

// XORKeyStream encrypts or decrypts src into dst in CTR mode with the given
// 16-byte initial counter block.
func (c *Cipher) XORKeyStream(dst, src, iv []byte) {
	var ctr, ks [BlockSize]byte
	copy(ctr[:], iv)
	for len(src) > 0 {
		c.Encrypt(ks[:], ctr[:])
		n := xorBytes(dst, src, ks[:])
		dst, src = dst[n:], src[n:]
		for i := BlockSize - 1; i >= 0; i-- {
			ctr[i]++
			if ctr[i] != 0 {
				break
			}
		}
	}
}
