package tagger

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"math"
	"slices"
)

// Notes describe a model: what it was trained on, with which features and settings, and how it scored
// on text it never saw. They travel inside the model file.
type Notes struct {
	FeaturesVersion int            `json:"features_version"`
	Seed            uint64         `json:"seed"`
	Epochs          int            `json:"epochs"`
	Training        []DataSource   `json:"training"`
	Lists           []DataSource   `json:"lists"`
	Labels          string         `json:"labels"`
	HeldOut         []SetScore     `json:"held_out,omitempty"`
	Licence         string         `json:"licence"`
	Sizes           map[string]int `json:"sizes"`
}

// DataSource names a file a model was made from, with its SHA-256 and what was taken from it.
type DataSource struct {
	Path   string `json:"path"`
	SHA256 string `json:"sha256"`
	Part   string `json:"part,omitempty"`
	Units  int    `json:"units,omitempty"` // sentences or names taken
}

// SetScore is a model's score on one held-out set.
type SetScore struct {
	Set       string  `json:"set"`
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
}

const magic = "newsgraph-ner-model\n"

// Write writes the model: a magic line, the notes as JSON, then the name lists, capitalisation buckets
// and weights in key order, gzip-compressed. The same model gives the same bytes.
func (m *Model) Write(w io.Writer) error {
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(zw)
	m.Notes.FeaturesVersion = FeaturesVersion
	notes, err := json.Marshal(m.Notes)
	if err != nil {
		return err
	}
	var b [8]byte
	u64 := func(v uint64) { binary.LittleEndian.PutUint64(b[:], v); bw.Write(b[:8]) }
	u32 := func(v uint32) { binary.LittleEndian.PutUint32(b[:], v); bw.Write(b[:4]) }
	bw.WriteString(magic)
	u32(uint32(len(notes)))
	bw.Write(notes)

	keys := slices.Sorted(maps.Keys(m.dict.names))
	u32(uint32(len(keys)))
	for _, k := range keys {
		u64(k)
		binary.LittleEndian.PutUint16(b[:], m.dict.names[k])
		bw.Write(b[:2])
	}
	keys = slices.Sorted(maps.Keys(m.rates))
	u32(uint32(len(keys)))
	for _, k := range keys {
		u64(k)
		bw.WriteByte(m.rates[k])
	}
	keys = slices.Sorted(maps.Keys(m.index))
	u32(uint32(len(keys)))
	for _, k := range keys {
		u64(k)
		off := m.index[k]
		for _, x := range m.weights[off : off+numLabels] {
			u32(math.Float32bits(x))
		}
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	return zw.Close()
}

// ErrFormat is returned by Read for data that is not a newsgraph model.
var ErrFormat = errors.New("not a newsgraph name-tagger model")

// Read reads a model written by Write. It returns ErrFormat (wrapped) for other data, and an error
// naming the features version when the model was made for other features.
func Read(r io.Reader) (*Model, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrFormat, err)
	}
	br := bufio.NewReader(zr)
	head := make([]byte, len(magic))
	if _, err := io.ReadFull(br, head); err != nil || !bytes.Equal(head, []byte(magic)) {
		return nil, ErrFormat
	}
	var b [8]byte
	var rerr error
	u64 := func() uint64 {
		if _, err := io.ReadFull(br, b[:8]); err != nil && rerr == nil {
			rerr = err
		}
		return binary.LittleEndian.Uint64(b[:])
	}
	u32 := func() uint32 {
		if _, err := io.ReadFull(br, b[:4]); err != nil && rerr == nil {
			rerr = err
		}
		return binary.LittleEndian.Uint32(b[:4])
	}
	const maxCount = 1 << 26
	count := func() int {
		n := u32()
		if n > maxCount && rerr == nil {
			rerr = fmt.Errorf("%w: a section claims %d entries", ErrFormat, n)
		}
		if rerr != nil {
			return 0
		}
		return int(n)
	}
	m := &Model{dict: NewDict(), rates: map[uint64]uint8{}}
	// sections are read as they come, never allocated from a count alone: a short hostile file must not
	// claim gigabytes
	notes, err := io.ReadAll(io.LimitReader(br, int64(count())))
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrFormat, err)
	}
	if err := json.Unmarshal(notes, &m.Notes); err != nil {
		return nil, fmt.Errorf("%w: notes: %v", ErrFormat, err)
	}
	if m.Notes.FeaturesVersion != FeaturesVersion {
		return nil, fmt.Errorf("the model was trained for features version %d, this newsgraph computes version %d: retrain it with newsgraph train",
			m.Notes.FeaturesVersion, FeaturesVersion)
	}
	for n := count(); n > 0 && rerr == nil; n-- {
		k := u64()
		if _, err := io.ReadFull(br, b[:2]); err != nil {
			rerr = err
		}
		m.dict.names[k] = binary.LittleEndian.Uint16(b[:2])
	}
	for n := count(); n > 0 && rerr == nil; n-- {
		k := u64()
		c, err := br.ReadByte()
		if err != nil {
			rerr = err
		}
		m.rates[k] = c
	}
	n := count()
	m.index = make(map[uint64]int32, min(n, 1<<16))
	m.weights = make([]float32, 0, min(n, 1<<16)*numLabels)
	for ; n > 0 && rerr == nil; n-- {
		m.index[u64()] = int32(len(m.weights))
		for l := 0; l < numLabels; l++ {
			w := math.Float32frombits(u32())
			if math.IsNaN(float64(w)) || math.IsInf(float64(w), 0) {
				rerr = fmt.Errorf("a weight is not a finite number")
			}
			m.weights = append(m.weights, w)
		}
	}
	if rerr != nil {
		return nil, fmt.Errorf("%w: truncated or corrupt: %v", ErrFormat, rerr)
	}
	// nothing may follow the weights, and reading to the end checks gzip's checksum
	if _, err := br.ReadByte(); err != io.EOF {
		if err == nil {
			err = fmt.Errorf("data after the weights")
		}
		return nil, fmt.Errorf("%w: %v", ErrFormat, err)
	}
	m.freeze()
	return m, nil
}

// Features returns the number of features with weights.
func (m *Model) Features() int { return len(m.index) }
