package accounts

import (
	"os"

	customerio "github.com/customerio/go-customerio/v3"
)

var cio = customerio.NewTrackClient(
	os.Getenv("CUSTOMERIO_SITE_ID"),
	os.Getenv("CUSTOMERIO_TRACK_API_KEY"),
	customerio.WithRegion(customerio.RegionUS),
)

type User struct {
	ID               string
	Email            string
	LastLoginCountry string
}

// RecordPasswordChange runs after the new password is saved; a campaign sends the security notice.
func RecordPasswordChange(u User) error {
	return cio.Track(u.Email, "password_changed", map[string]any{"ip_country": u.LastLoginCountry})
}
