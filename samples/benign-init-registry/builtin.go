package codec

import (
	"bytes"
	"encoding/gob"
	"encoding/json"
	"encoding/xml"
)

type jsonCodec struct{}

func (jsonCodec) Name() string                               { return "json" }
func (jsonCodec) Marshal(v interface{}) ([]byte, error)      { return json.Marshal(v) }
func (jsonCodec) Unmarshal(data []byte, v interface{}) error { return json.Unmarshal(data, v) }

type xmlCodec struct{}

func (xmlCodec) Name() string                               { return "xml" }
func (xmlCodec) Marshal(v interface{}) ([]byte, error)      { return xml.Marshal(v) }
func (xmlCodec) Unmarshal(data []byte, v interface{}) error { return xml.Unmarshal(data, v) }

type gobCodec struct{}

func (gobCodec) Name() string { return "gob" }

func (gobCodec) Marshal(v interface{}) ([]byte, error) {
	var buf bytes.Buffer
	err := gob.NewEncoder(&buf).Encode(v)
	return buf.Bytes(), err
}

func (gobCodec) Unmarshal(data []byte, v interface{}) error {
	return gob.NewDecoder(bytes.NewReader(data)).Decode(v)
}

func init() {
	Register("application/json", jsonCodec{})
	Register("application/xml", xmlCodec{})
	Register("text/xml", xmlCodec{})
	Register("application/x-gob", gobCodec{})
}
