package webhooks

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"strconv"
	"time"
)

type reportingEvent struct {
	Metric string `json:"metric"`
	Data   struct {
		CustomerID string `json:"customer_id"`
	} `json:"data"`
}

// signedByCustomerIO checks the HMAC-SHA256 Customer.io computes over `v0:<timestamp>:<raw body>`.
func signedByCustomerIO(r *http.Request, body []byte) bool {
	timestamp := r.Header.Get("X-CIO-Timestamp")
	sent, err := strconv.ParseInt(timestamp, 10, 64)
	if err != nil || time.Since(time.Unix(sent, 0)).Abs() > 5*time.Minute {
		return false
	}
	mac := hmac.New(sha256.New, []byte(os.Getenv("CUSTOMERIO_WEBHOOK_SIGNING_KEY")))
	mac.Write([]byte("v0:" + timestamp + ":"))
	mac.Write(body)
	expected := hex.EncodeToString(mac.Sum(nil))
	return hmac.Equal([]byte(r.Header.Get("X-CIO-Signature")), []byte(expected))
}

// ReportingWebhook receives Customer.io reporting webhooks.
func ReportingWebhook(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(r.Body)
	if err != nil || !signedByCustomerIO(r, body) {
		w.WriteHeader(http.StatusUnauthorized)
		return
	}
	var ev reportingEvent
	if json.Unmarshal(body, &ev) == nil && ev.Metric == "bounced" {
		markUndeliverable(ev.Data.CustomerID)
	}
	w.WriteHeader(http.StatusNoContent)
}
