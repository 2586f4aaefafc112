package codec

import "testing"

func TestBuiltinsRegistered(t *testing.T) {
	for _, mt := range []string{"application/json", "Application/XML; charset=utf-8", "application/x-gob"} {
		if _, ok := Lookup(mt); !ok {
			t.Errorf("no codec for %s", mt)
		}
	}
	c, _ := Lookup("application/json")
	var out map[string]int
	if err := c.Unmarshal([]byte(`{"a":1}`), &out); err != nil || out["a"] != 1 {
		t.Fatalf("json round trip: %v %v", out, err)
	}
}
