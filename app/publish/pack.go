package publish

import (
	"crypto/ed25519"
	"fmt"
	"time"

	"atlasri/app/exchange"
	"atlasri/app/update"
	"atlasri/model"
)

// Sign makes the package practices install: the directory's JSON and a
// manifest signed with the publisher's key.
func Sign(r *Result, key ed25519.PrivateKey) ([]byte, error) {
	return update.Sign(r.JSON, r.Directory.Version, r.Directory.Date, key)
}

// ReadPackage reads a package of the publisher's (the previous one, to
// compare with): its signature checked with keys, its directory resolved
// against g.
func ReadPackage(name string, data []byte, keys *update.Keyring, g *exchange.Geography) (model.Directory, error) {
	_, payload, err := update.Verify(data, keys)
	if err != nil {
		return model.Directory{}, fmt.Errorf("%s : %w", name, err)
	}
	f, ps := exchange.Parse(name+"/"+update.PayloadFile, payload)
	if ps.Errors() > 0 {
		return model.Directory{}, ps
	}
	d, rps := exchange.Resolve(f, g, exchange.Options{Today: time.Time{}})
	if rps.Errors() > 0 {
		return model.Directory{}, rps
	}
	return d, nil
}
