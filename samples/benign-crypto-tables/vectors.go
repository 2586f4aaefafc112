package tinyaes

import (
	"embed"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"path"
)

// Vector is a known-answer test case.
type Vector struct {
	Name       string `json:"name"`
	Key        string `json:"key"`
	Plaintext  string `json:"plaintext"`
	Ciphertext string `json:"ciphertext"`
}

//go:embed testdata/*.json
var vectorFiles embed.FS

// selfTestKey is the FIPS-197 appendix C.1 key, kept base64-encoded as it
// appears in the NIST example files.
var selfTestKey = mustDecode("AAECAwQFBgcICQoLDA0ODw==")

func mustDecode(s string) []byte {
	b, err := base64.StdEncoding.DecodeString(s)
	if err != nil {
		panic(err)
	}
	return b
}

// KnownAnswerVectors returns the embedded test vectors.
func KnownAnswerVectors() ([]Vector, error) {
	entries, err := vectorFiles.ReadDir("testdata")
	if err != nil {
		return nil, err
	}
	var all []Vector
	for _, e := range entries {
		data, err := vectorFiles.ReadFile(path.Join("testdata", e.Name()))
		if err != nil {
			return nil, err
		}
		var vs []Vector
		if err := json.Unmarshal(data, &vs); err != nil {
			return nil, err
		}
		all = append(all, vs...)
	}
	return all, nil
}

// SelfTest encrypts the FIPS-197 example block and compares the answer.
func SelfTest() bool {
	c, err := New(selfTestKey)
	if err != nil {
		return false
	}
	pt, _ := hex.DecodeString("00112233445566778899aabbccddeeff")
	var out [BlockSize]byte
	c.Encrypt(out[:], pt)
	return hex.EncodeToString(out[:]) == "69c4e0d86a7b0430d8cdb78070b4c55a"
}
