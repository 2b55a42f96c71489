package messages

import (
	"github.com/dpcoop/dpcoop/internal/ballot"
	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// Motions, votes, proxies, results, and the notices sent to the electorate.
func init() {
	add(map[string]text{
		dpcoop.CodeMotionState:        {"Ni ellir gwneud hyn i'r cynnig yn ei gyflwr presennol.", "This cannot be done to the motion as it is now."},
		dpcoop.CodeMotionNotOpen:      {"Nid yw'r bleidlais ar y cynnig hwn wedi agor eto.", "Voting on this motion has not opened yet."},
		dpcoop.CodeMotionClosed:       {"Mae'r bleidlais ar y cynnig hwn wedi cau. Ni ellir pleidleisio mwyach.", "Voting on this motion has closed. You can no longer vote."},
		dpcoop.CodeNotInElectorate:    {"Dydych chi ddim ar y rhestr o aelodau sy'n cael pleidleisio ar y cynnig hwn. Dim ond aelodau oedd ar y gofrestr y diwrnod yr agorodd y bleidlais sy'n cael pleidleisio.", "You are not on the list of members who can vote on this motion. Only members on the register on the day voting opened can vote."},
		dpcoop.CodeVoterCeased:        {"Mae'r aelod hwn wedi gadael y cwmni cydweithredol, felly ni all bleidleisio.", "This member has left the co-op, so cannot vote."},
		dpcoop.CodeAlreadyVoted:       {"Mae pleidlais eisoes wedi'i bwrw ar gyfer yr aelod hwn. Mewn pleidlais gudd, ni ellir newid pleidlais.", "A vote has already been cast for this member. In a secret ballot a vote cannot be changed."},
		dpcoop.CodeResultsHidden:      {"Bydd y canlyniadau i'w gweld pan fydd y bleidlais yn cau.", "The results will be shown when voting closes."},
		dpcoop.CodeBallotsUnpublished: {"Mae'r rhestr o bapurau pleidleisio'n cael ei chyhoeddi pan fydd y bleidlais yn cau.", "The list of ballots is published when voting closes."},
		dpcoop.CodeProxiesNotAllowed:  {"Nid yw rheolau'r cwmni cydweithredol yn caniatáu dirprwyon.", "The co-op's rules do not allow proxies."},
		dpcoop.CodeProxyCapReached:    {"Mae'r person hwn eisoes yn ddirprwy i'r nifer mwyaf o aelodau a ganiateir. Dewiswch rywun arall.", "This person is already a proxy for as many members as allowed. Choose someone else."},
		dpcoop.CodeProxyTaken:         {"Rydych chi eisoes wedi penodi dirprwy ar gyfer y cynnig hwn.", "You have already appointed a proxy for this motion."},
		dpcoop.CodeNotProxyHolder:     {"Dydych chi ddim yn ddirprwy i'r aelod hwn ar y cynnig hwn.", "You are not this member's proxy on this motion."},
		dpcoop.CodePostalNotAllowed:   {"Nid yw rheolau'r cwmni cydweithredol yn caniatáu pleidleisiau post na phapur.", "The co-op's rules do not allow postal or paper votes."},
		dpcoop.CodeProposeNotAllowed:  {"Dim ond gweinyddwyr all ddrafftio cynigion yn y cwmni cydweithredol hwn.", "Only admins can draft motions in this co-op."},

		"field." + dpcoop.FieldTimestamp:          {"Rhowch ddyddiad ac amser fel 2026-12-01T18:00:00Z (gyda'r gylchfa amser).", "Enter a date and time like 2026-12-01T18:00:00Z (with the time zone)."},
		"field." + dpcoop.FieldTimeInPast:         {"Rhaid i'r amser hwn fod yn y dyfodol.", "This time must be in the future."},
		"field." + dpcoop.FieldClosesBeforeOpens:  {"Rhaid i'r bleidlais gau ar ôl iddi agor.", "Voting must close after it opens."},
		"field." + dpcoop.FieldConfirmsResolution: {"Dim ond penderfyniad all gadarnhau penderfyniad arbennig, ac ni all fod angen ei gadarnhau ei hun.", "Only a resolution can confirm a special resolution, and it cannot itself need confirming."},
		"field." + dpcoop.FieldNotConfirmable:     {"Nid yw'r cynnig hwnnw'n benderfyniad arbennig sydd wedi'i basio ac sy'n aros i gael ei gadarnhau.", "That motion is not a passed special resolution waiting to be confirmed."},
		"field." + dpcoop.FieldConfirmWindow:      {"Rhaid i'r bleidlais gadarnhau gau rhwng {from} a {to}.", "The confirming vote must close between {from} and {to}."},
		"field." + dpcoop.FieldSpoiltOnPaper:      {"Dim ond swyddog sy'n cofnodi pleidlais bost neu bapur all nodi bod papur pleidleisio wedi'i ddifetha.", "Only an officer recording a postal or paper vote can mark a ballot as spoilt."},
		"field." + dpcoop.FieldProxySelf:          {"Allwch chi ddim bod yn ddirprwy i chi'ch hun. Dewiswch aelod arall.", "You cannot be your own proxy. Choose another member."},
		"field." + dpcoop.FieldNotElector:         {"Nid yw'r aelod hwn ar y rhestr o'r rhai sy'n cael pleidleisio ar y cynnig hwn.", "This member is not on the list of those who can vote on this motion."},

		// The ballot rules' codes, as field errors on a motion or a vote.
		"field." + string(ballot.CodeInvalidKind):             {"Dewiswch fath o gynnig: ordinary_resolution (penderfyniad cyffredin), special_resolution (penderfyniad arbennig), board_election (etholiad bwrdd) neu poll (arolwg barn).", "Choose a kind of motion: ordinary_resolution, special_resolution, board_election or poll."},
		"field." + string(ballot.CodeTooFewOptions):           {"Rhowch o leiaf ddau ddewis i arolwg barn, ac o leiaf un ymgeisydd i etholiad.", "Give a poll at least two options, and an election at least one candidate."},
		"field." + string(ballot.CodeTooManyOptions):          {"Rhowch 100 o ddewisiadau neu lai.", "Give 100 options or fewer."},
		"field." + string(ballot.CodeOptionsFixed):            {"Mae dewisiadau penderfyniad yn sefydlog (o blaid, yn erbyn, ymatal). Tynnwch y rhestr dewisiadau.", "A resolution's options are fixed (for, against, abstain). Remove the list of options."},
		"field." + string(ballot.CodeInvalidOptionID):         {"Defnyddiwch lythrennau bach, rhifau a thanlinellau sengl, hyd at 64 nod, ac nid 'abstain'. Rhowch yr enw llawn yn labels.", "Use small letters, numbers and single underscores, up to 64 characters, and not 'abstain'. Put the full name in labels."},
		"field." + string(ballot.CodeDuplicateOption):         {"Mae'r dewis hwn yn ymddangos ddwywaith.", "This option appears twice."},
		"field." + string(ballot.CodeSeatsOutOfRange):         {"Rhowch nifer y seddi: o 1 hyd at nifer yr ymgeiswyr.", "Give the number of seats: from 1 up to the number of candidates."},
		"field." + string(ballot.CodeNotApplicable):           {"Nid yw hyn yn berthnasol i'r math hwn o gynnig. Tynnwch ef.", "This does not apply to this kind of motion. Remove it."},
		"field." + string(ballot.CodeRankedWithClasses):       {"Ni ellir pwysoli pleidleisiau wedi'u rhestru yn ôl dosbarth. Cynhaliwch etholiad ar wahân i bob dosbarth.", "Ranked votes cannot be weighted by class. Hold a separate election for each class."},
		"field." + string(ballot.CodeInvalidQuorum):           {"Rhowch gworwm o 0 aelod neu fwy, a chanran o 0 i 10000 pwynt sail (10000 yw 100%).", "Give a quorum of 0 or more members, and a percentage from 0 to 10000 basis points (10000 is 100%)."},
		"field." + string(ballot.CodeInvalidThreshold):        {"Dewiswch fwyafrif: simple_majority (mwyafrif syml), two_thirds (dwy ran o dair), three_quarters (tri chwarter), neu custom gyda'ch ffracsiwn eich hun.", "Choose a majority: simple_majority, two_thirds, three_quarters, or custom with your own fraction."},
		"field." + string(ballot.CodeThresholdBelowMajority):  {"Ni all y trothwy fod yn llai na mwyafrif syml.", "The threshold cannot be less than a simple majority."},
		"field." + string(ballot.CodeSpecialThresholdTooLow):  {"Mae angen mwy na mwyafrif syml ar benderfyniad arbennig, fel dwy ran o dair neu dri chwarter.", "A special resolution needs more than a simple majority, such as two thirds or three quarters."},
		"field." + string(ballot.CodeInvalidBasis):            {"Dewiswch sail: votes_cast (pleidleisiau a fwriwyd) neu electorate (yr holl aelodau sy'n cael pleidleisio).", "Choose a basis: votes_cast or electorate (every member who may vote)."},
		"field." + string(ballot.CodeInvalidClassID):          {"Defnyddiwch lythrennau bach, rhifau a thanlinellau sengl, hyd at 64 nod.", "Use small letters, numbers and single underscores, up to 64 characters."},
		"field." + string(ballot.CodeDuplicateClass):          {"Mae'r dosbarth hwn yn ymddangos ddwywaith.", "This class appears twice."},
		"field." + string(ballot.CodeTooManyClasses):          {"Rhowch 16 dosbarth neu lai.", "Give 16 classes or fewer."},
		"field." + string(ballot.CodeInvalidWeight):           {"Rhowch bwysau o 1 i 10000 pwynt sail (10000 yw 100%).", "Give a weight from 1 to 10000 basis points (10000 is 100%)."},
		"field." + string(ballot.CodeWeightsMustSumToWhole):   {"Rhaid i bwysau'r dosbarthiadau adio i 10000 (100%).", "The classes' weights must add up to 10000 (100%)."},
		"field." + string(ballot.CodeInvalidEmptyClassRule):   {"Dewiswch redistributed (rhannu'r pwysau rhwng y lleill) neu lost (colli'r pwysau).", "Choose redistributed (share the weight among the others) or lost (the weight counts for nobody)."},
		"field." + string(ballot.CodeInvalidConfirmation):     {"Rhowch ffenestr gadarnhau o 0 i 365 diwrnod a hyd at 12 mis, gyda'r diwrnodau'n dod i ben cyn y misoedd.", "Give a confirmation window of 0 to 365 days and up to 12 months, the days ending before the months."},
		"field." + string(ballot.CodeUnknownClass):            {"Nid yw'r dosbarth aelodaeth hwn yn un o ddosbarthiadau'r cynnig.", "This membership class is not one of the motion's classes."},
		"field." + string(ballot.CodeInvalidChannel):          {"Dewiswch online, proxy, postal neu paper.", "Choose online, proxy, postal or paper."},
		"field." + string(ballot.CodeTooManyChoices):          {"Rydych chi wedi dewis gormod. Gwiriwch faint y cewch eu dewis.", "You have chosen too many. Check how many you may choose."},
		"field." + string(ballot.CodeDuplicateChoice):         {"Rydych chi wedi dewis yr un peth ddwywaith.", "You chose the same thing twice."},
		"field." + string(ballot.CodeInvalidElectorate):       {"Nid yw niferoedd yr aelodau sy'n cael pleidleisio yn gwneud synnwyr.", "The numbers of members who may vote do not make sense."},
		"field." + string(ballot.CodeDuplicateMember):         {"Mae'r aelod hwn wedi'i restru ddwywaith.", "This member is listed twice."},
		"field." + string(ballot.CodeInvalidCounts):           {"Nid yw'r cyfrif yn gwneud synnwyr.", "The count does not make sense."},
		"field." + string(ballot.CodeInconsistentCounts):      {"Nid yw rhannau'r cyfrif yn cytuno â'i gilydd.", "The parts of the count do not agree with each other."},
		"field." + string(ballot.CodeBallotsExceedElectorate): {"Mae mwy o bapurau pleidleisio nag o aelodau sy'n cael pleidleisio.", "There are more ballots than members who may vote."},
		"field." + string(ballot.CodeRankedNeedsBallots):      {"Mae etholiad wedi'i restru'n cael ei gyfrif o'r papurau pleidleisio eu hunain.", "A ranked election is counted from the ballots themselves."},
		"field." + string(ballot.CodeInvalidCounter):          {"Nid yw'r cownter hwn yn perthyn i'r cynnig hwn.", "This counter does not belong to this motion."},
		"field." + string(ballot.CodeInvalidLot):              {"Rhaid i'r coelbren restru pob dewis unwaith yn unig.", "The lot must list each option once only."},

		"notice.opened.subject":  {"Pleidlais ar agor: {title}", "Voting is open: {title}"},
		"notice.opened.body":     {"Mae pleidlais newydd ar agor yn eich cwmni cydweithredol.\n\n{title}\n\n{text}\n\nMae'r bleidlais yn cau am {closes} (amser y DU). Mewngofnodwch i dpcoop i bleidleisio, neu gofynnwch i'ch cwmni cydweithredol am bapur pleidleisio.\n\nCyfeirnod: {motion}", "A new vote is open in your co-op.\n\n{title}\n\n{text}\n\nVoting closes at {closes} (UK time). Sign in to dpcoop to vote, or ask your co-op for a paper ballot.\n\nReference: {motion}"},
		"notice.closing.subject": {"Un diwrnod ar ôl i bleidleisio: {title}", "One day left to vote: {title}"},
		"notice.closing.body":    {"Mae'r bleidlais ar \"{title}\" yn cau am {closes} (amser y DU). Dydych chi ddim wedi pleidleisio eto. Mewngofnodwch i dpcoop i bleidleisio, neu cysylltwch â'ch cwmni cydweithredol.\n\nCyfeirnod: {motion}", "Voting on \"{title}\" closes at {closes} (UK time). You have not voted yet. Sign in to dpcoop to vote, or contact your co-op.\n\nReference: {motion}"},
	})
}
