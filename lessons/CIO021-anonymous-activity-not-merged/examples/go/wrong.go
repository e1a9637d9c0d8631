package signup

import (
	"os"

	customerio "github.com/customerio/go-customerio/v3"
)

var cio = customerio.NewTrackClient(os.Getenv("CUSTOMERIO_SITE_ID"), os.Getenv("CUSTOMERIO_TRACK_API_KEY"),
	customerio.WithRegion(customerio.RegionUS))

// PricingViewed tracks a visitor by their cookie id before they sign up.
func PricingViewed(visitorID, plan string) error {
	return cio.TrackAnonymous(visitorID, "pricing_viewed", map[string]any{"plan": plan})
}

func SignedUp(userID, email, plan, visitorID string) error {
	return cio.Identify(userID, map[string]any{"email": email, "plan": plan})
}

// ReportingEvent is a reporting webhook, decoded by the route after its X-CIO-Signature
// check; bounces are the subject of lesson CIO008 (not of this one).
type ReportingEvent struct {
	Metric string `json:"metric"`
	Data   struct {
		CustomerID string `json:"customer_id"`
	} `json:"data"`
}

// OnReportingWebhook is called by the webhook route for each verified reporting webhook.
func OnReportingWebhook(ev ReportingEvent) {
	if ev.Metric == "bounced" {
		markUndeliverable(ev.Data.CustomerID)
	}
}
