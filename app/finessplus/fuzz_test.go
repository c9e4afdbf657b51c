package finessplus

import (
	"bytes"
	"testing"
)

// Any bytes: an error or entities, never a panic nor a hang.
func FuzzReadActivities(f *testing.F) {
	f.Add([]byte(`{"schemaVersion": "v1.0.0", "generatedAt": "2026-04-01T14:46:05Z", "pmej": [{"numFiness": "010000339", "pmSmsseId": "17",
		"ege": [{"egeId": "314", "numFinessEge": "010006401", "activitesExercees": [{"caracteristiquesGeneriques": {"etatObjet": "A"},
		"nature": {"codeNature": "AMM", "caracteristiquesSpecifiques": {"typeActiviteAMM": {"activiteAMM": "QA030", "mentionAMM": "ME047"}}}}]}]}]}`))
	f.Add([]byte(`{"metadata": {"schemaVersion": "1.0.1"}, "pmej": []}`))
	f.Add([]byte("\ufeff{\"pmej\": [{\"pmSmsseId\": 1}]}"))
	f.Add([]byte(`{"pmej": [`))
	f.Fuzz(func(t *testing.T, b []byte) {
		ReadActivities(bytes.NewReader(b), "f", func(EntityActivities, int) error { return nil })
		ReadStructures(bytes.NewReader(b), "f", func(Entity, int) error { return nil })
	})
}
