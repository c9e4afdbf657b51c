package locale

import "testing"

func TestFix(t *testing.T) {
	tests := []struct {
		name string
		env  map[string]string
		want map[string]string
	}{
		{"empty", map[string]string{}, map[string]string{"LANG": Fallback}},
		{"C", map[string]string{"LANG": "C"}, map[string]string{"LANG": Fallback}},
		{"C.UTF-8", map[string]string{"LANG": "C.UTF-8"}, map[string]string{"LANG": Fallback}},
		{"POSIX in LC_ALL", map[string]string{"LC_ALL": "POSIX", "LANG": "C"}, map[string]string{"LC_ALL": "", "LANG": Fallback}},
		{"French kept", map[string]string{"LANG": "fr_FR.UTF-8"}, map[string]string{"LANG": "fr_FR.UTF-8"}},
		{"English kept", map[string]string{"LC_ALL": "en_GB.UTF-8", "LANG": "C"}, map[string]string{"LC_ALL": "en_GB.UTF-8", "LANG": "C"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := map[string]string{}
			for k, v := range tt.env {
				env[k] = v
			}
			Fix(func(k string) string { return env[k] }, func(k, v string) error { env[k] = v; return nil })
			for k, v := range tt.want {
				if env[k] != v {
					t.Errorf("%s = %q, want %q", k, env[k], v)
				}
			}
		})
	}
}
