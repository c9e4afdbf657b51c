package ui

// Temporary, until the app facade of issue 14 lands: these two use cases
// cannot live in package app yet without an import cycle in its tests.

import (
	"atlasri/app"
	"atlasri/app/letter"
	"atlasri/app/search"
)

func searchEngine(a *app.Atlas) (*search.Engine, error) {
	own, err := a.User.PracticeCentres()
	if err != nil {
		return nil, err
	}
	return search.Load(a.Ref, own...)
}

func lettersOf(a *app.Atlas) *letter.Service { return &letter.Service{Ref: a.Ref, User: a.User} }
