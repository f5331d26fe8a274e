package gazetteer

import "testing"

func TestFold(t *testing.T) {
	tests := map[string]string{
		"Türkiye":          "turkiye",
		"  The  Pentagon ": "pentagon",
		"Paris–Berlin":     "paris-berlin",
		"Côte d’Ivoire":    "cote d'ivoire",
		"PARIS":            "paris",
		"Kraków\tcity":     "krakow city",
	}
	for in, want := range tests {
		if got := Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestLookup(t *testing.T) {
	g := Default()
	tests := []struct {
		name string
		kind Kind
		code string
	}{
		{"Turkey", Country, "TR"},
		{"Türkiye", Country, "TR"},
		{"Russian Federation", Country, "RU"},
		{"DPRK", Country, "KP"},
		{"Kazakh", Adjective, "KZ"},    // -istan stem
		{"Uzbek", Adjective, "UZ"},     // -istan stem
		{"Pakistani", Adjective, "PK"}, // listed demonym
		{"Western Europe", Region, "Western Europe"},
		{"Asian", Adjective, "Asia"},
		{"Sindh", Region, "PK-SD"},
	}
	for _, tt := range tests {
		ps := g.Lookup(tt.name)
		if len(ps) == 0 || ps[0].Kind != tt.kind || ps[0].Code != tt.code {
			t.Errorf("Lookup(%q) = %+v, want %s %s", tt.name, ps, tt.kind, tt.code)
		}
	}
	if ps := g.Lookup("Nairobi"); len(ps) == 0 || ps[0].Kind != City || ps[0].CountryCode != "KE" || !ps[0].HasCoords {
		t.Errorf("Nairobi = %+v", ps)
	}
}
