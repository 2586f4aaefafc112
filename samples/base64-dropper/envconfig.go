// Package envconfig populates struct fields from environment variables.
//
//	type Spec struct {
//		Port    int           `envconfig:"PORT" default:"8080"`
//		Debug   bool          `default:"false"`
//		Timeout time.Duration `required:"true"`
//	}
//	err := envconfig.Process("myapp", &s)
package envconfig

import (
	"errors"
	"fmt"
	"os"
	"reflect"
	"strconv"
	"strings"
	"time"
)

// ErrInvalidSpecification indicates that a specification is of the wrong type.
var ErrInvalidSpecification = errors.New("specification must be a struct pointer")

// ParseError occurs when an environment variable cannot be converted to
// the type required by a struct field.
type ParseError struct {
	KeyName   string
	FieldName string
	TypeName  string
	Value     string
	Err       error
}

func (e *ParseError) Error() string {
	return fmt.Sprintf("envconfig.Process: assigning %[1]s to %[2]s: converting '%[3]s' to type %[4]s. details: %[5]s",
		e.KeyName, e.FieldName, e.Value, e.TypeName, e.Err)
}

type varInfo struct {
	Name  string
	Key   string
	Field reflect.Value
	Tags  reflect.StructTag
}

func gatherInfo(prefix string, spec interface{}) ([]varInfo, error) {
	s := reflect.ValueOf(spec)
	if s.Kind() != reflect.Ptr || s.Elem().Kind() != reflect.Struct {
		return nil, ErrInvalidSpecification
	}
	s = s.Elem()
	t := s.Type()
	infos := make([]varInfo, 0, s.NumField())
	for i := 0; i < s.NumField(); i++ {
		f := s.Field(i)
		ftype := t.Field(i)
		if !f.CanSet() || isTrue(ftype.Tag.Get("ignored")) {
			continue
		}
		info := varInfo{Name: ftype.Name, Field: f, Tags: ftype.Tag}
		info.Key = info.Name
		if alt := ftype.Tag.Get("envconfig"); alt != "" {
			info.Key = alt
		}
		if prefix != "" {
			info.Key = fmt.Sprintf("%s_%s", prefix, info.Key)
		}
		info.Key = strings.ToUpper(info.Key)
		infos = append(infos, info)
	}
	return infos, nil
}

// Process populates the specified struct based on environment variables.
func Process(prefix string, spec interface{}) error {
	infos, err := gatherInfo(prefix, spec)
	if err != nil {
		return err
	}
	for _, info := range infos {
		value, ok := os.LookupEnv(info.Key)
		def := info.Tags.Get("default")
		if !ok && def != "" {
			value = def
		}
		if !ok && def == "" {
			if isTrue(info.Tags.Get("required")) {
				return fmt.Errorf("required key %s missing value", info.Key)
			}
			continue
		}
		if err := processField(value, info.Field); err != nil {
			return &ParseError{KeyName: info.Key, FieldName: info.Name, TypeName: info.Field.Type().String(), Value: value, Err: err}
		}
	}
	return nil
}

// MustProcess is the same as Process but panics if an error occurs.
func MustProcess(prefix string, spec interface{}) {
	if err := Process(prefix, spec); err != nil {
		panic(err)
	}
}

func processField(value string, field reflect.Value) error {
	typ := field.Type()
	if typ.Kind() == reflect.Int64 && typ.PkgPath() == "time" && typ.Name() == "Duration" {
		d, err := time.ParseDuration(value)
		if err != nil {
			return err
		}
		field.SetInt(int64(d))
		return nil
	}
	switch typ.Kind() {
	case reflect.String:
		field.SetString(value)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		v, err := strconv.ParseInt(value, 0, typ.Bits())
		if err != nil {
			return err
		}
		field.SetInt(v)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		v, err := strconv.ParseUint(value, 0, typ.Bits())
		if err != nil {
			return err
		}
		field.SetUint(v)
	case reflect.Bool:
		v, err := strconv.ParseBool(value)
		if err != nil {
			return err
		}
		field.SetBool(v)
	case reflect.Float32, reflect.Float64:
		v, err := strconv.ParseFloat(value, typ.Bits())
		if err != nil {
			return err
		}
		field.SetFloat(v)
	case reflect.Slice:
		parts := strings.Split(value, ",")
		sl := reflect.MakeSlice(typ, len(parts), len(parts))
		for i, p := range parts {
			if err := processField(strings.TrimSpace(p), sl.Index(i)); err != nil {
				return err
			}
		}
		field.Set(sl)
	default:
		return fmt.Errorf("unsupported type %s", typ)
	}
	return nil
}

func isTrue(s string) bool {
	b, _ := strconv.ParseBool(s)
	return b
}
