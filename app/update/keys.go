package update

import (
	"crypto/ed25519"
	"crypto/sha256"
	"crypto/x509"
	"embed"
	"encoding/hex"
	"encoding/pem"
	"errors"
	"fmt"
	"io/fs"
	"sort"
	"strings"
)

// The federation's public keys, one PEM file each. Every key here is
// trusted; docs/FORMAT.md says how the federation rotates them.
//
//go:embed keys/*.pem
var embeddedKeys embed.FS

// Keyring is a set of trusted public keys, by key id.
type Keyring struct {
	keys map[string]ed25519.PublicKey
}

// KeyID names a public key: the first 16 hex digits of its SHA-256.
func KeyID(pub ed25519.PublicKey) string {
	h := sha256.Sum256(pub)
	return hex.EncodeToString(h[:8])
}

// NewKeyring trusts the given keys.
func NewKeyring(pubs ...ed25519.PublicKey) *Keyring {
	k := &Keyring{keys: map[string]ed25519.PublicKey{}}
	for _, p := range pubs {
		k.keys[KeyID(p)] = p
	}
	return k
}

// Add trusts one more key.
func (k *Keyring) Add(pub ed25519.PublicKey) { k.keys[KeyID(pub)] = pub }

// IDs lists the trusted key ids, sorted.
func (k *Keyring) IDs() []string {
	out := make([]string, 0, len(k.keys))
	for id := range k.keys {
		out = append(out, id)
	}
	sort.Strings(out)
	return out
}

// TrustedKeys returns the federation's keys that this build carries.
func TrustedKeys() (*Keyring, error) {
	k := NewKeyring()
	err := fs.WalkDir(embeddedKeys, "keys", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := embeddedKeys.ReadFile(p)
		if err != nil {
			return err
		}
		pub, err := ParsePublicKey(b)
		if err != nil {
			return fmt.Errorf("%s : %w", p, err)
		}
		k.keys[KeyID(pub)] = pub
		return nil
	})
	return k, err
}

// ParsePublicKey reads an Ed25519 public key in PEM (SubjectPublicKeyInfo),
// as `openssl pkey -pubout` writes it.
func ParsePublicKey(b []byte) (ed25519.PublicKey, error) {
	blk, _ := pem.Decode(b)
	if blk == nil || blk.Type != "PUBLIC KEY" {
		return nil, errors.New("clé publique illisible : bloc PEM « PUBLIC KEY » attendu")
	}
	k, err := x509.ParsePKIXPublicKey(blk.Bytes)
	if err != nil {
		return nil, fmt.Errorf("clé publique illisible : %w", err)
	}
	pub, ok := k.(ed25519.PublicKey)
	if !ok {
		return nil, fmt.Errorf("clé publique de type %T : une clé Ed25519 est attendue", k)
	}
	return pub, nil
}

// ParsePrivateKey reads an Ed25519 private key in PEM (PKCS #8), as
// `openssl genpkey -algorithm ed25519` writes it.
func ParsePrivateKey(b []byte) (ed25519.PrivateKey, error) {
	blk, _ := pem.Decode(b)
	if blk == nil || blk.Type != "PRIVATE KEY" {
		if blk != nil && strings.Contains(blk.Type, "PUBLIC") {
			return nil, errors.New("c'est une clé publique : signer demande la clé privée")
		}
		return nil, errors.New("clé privée illisible : bloc PEM « PRIVATE KEY » (PKCS #8) attendu")
	}
	k, err := x509.ParsePKCS8PrivateKey(blk.Bytes)
	if err != nil {
		return nil, fmt.Errorf("clé privée illisible : %w", err)
	}
	priv, ok := k.(ed25519.PrivateKey)
	if !ok {
		return nil, fmt.Errorf("clé privée de type %T : une clé Ed25519 est attendue", k)
	}
	return priv, nil
}

// MarshalPublicKey writes a public key in PEM.
func MarshalPublicKey(pub ed25519.PublicKey) []byte {
	der, _ := x509.MarshalPKIXPublicKey(pub)
	return pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der})
}

// MarshalPrivateKey writes a private key in PEM (PKCS #8).
func MarshalPrivateKey(priv ed25519.PrivateKey) []byte {
	der, _ := x509.MarshalPKCS8PrivateKey(priv)
	return pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der})
}
