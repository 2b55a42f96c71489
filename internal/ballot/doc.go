// Package ballot holds the pure rules of co-operative votes: what a motion's
// rules may say, whether a ballot fits them, and how the votes are counted.
// Motions, casting, storage and the API live elsewhere; this package has no
// I/O, no AWS and no floating point (exact integers and math/big.Rat).
//
// One member, one vote. Within a member class every member has one vote;
// multi-stakeholder co-ops (Somerset Rules) give each class a fixed share of
// the vote, in basis points summing to 10000, and the classes' results are
// combined by those weights.
//
// The counting rules, edge cases included:
//
//   - Ballots received (participation) are every ballot handed in: votes
//     for an option, abstentions and spoilt ballots alike. Quorum and
//     turnout count them; an abstaining member is present.
//   - An abstention is a ballot whose Choices is empty or exactly
//     [Abstain], in every kind of motion. Abstentions are not votes cast:
//     they never count for or against a resolution and never dilute a
//     class's share.
//   - A spoilt ballot is one whose choices do not fit the rules (an unknown
//     option, too many choices, a repeated candidate). It counts as received
//     but casts no vote. Paper ballots can be spoilt; online ones should be
//     refused before storing with Rules.CheckBallot. A ballot from a class
//     the rules do not know is not spoilt but an error: the data is wrong.
//   - Quorum is "Members members or Percent of the electorate, whichever is
//     greater", counted over the whole electorate (not per class). The
//     percentage is rounded UP to whole members: 50 % of 5 members is 3.
//   - Thresholds are exact fractions: a simple majority is MORE than half
//     (50 of 100 fails), two thirds and three quarters are AT LEAST (2 of 3
//     passes two thirds, 66 of 100 fails, 67 passes). The basis is either
//     votes cast (for + against) or the whole electorate.
//   - Class weights: a class's share of an option is weight × votes for the
//     option in the class ÷ the class's denominator (votes cast in the
//     class, or its members on the electorate basis). A class whose
//     denominator is zero (nobody in it voted, or it has no members) is
//     handled by Rules.EmptyClass: by default its weight is shared among the
//     classes that did vote in proportion to their weights (EmptyClassRedistributed),
//     so a class that stays away can neither block nor carry a decision;
//     EmptyClassLost instead keeps its weight in the whole, counting for no
//     option, so an absent class makes a threshold harder to reach.
//   - Ties are never broken silently. An election or poll tie, or a tie
//     over whom to exclude in a ranked count, is reported in Result.Tie; the
//     co-op draws lots and the count is repeated with TallyWithLot, which
//     records ByLot. An equality of votes on a resolution is reported
//     (Result.EqualVotes) and the resolution is lost under a "more than
//     half" threshold; a chair's casting vote, where a co-op's rules give
//     one, is outside this package.
//   - Plurality elections for several seats: each member may mark up to
//     Seats candidates; the candidates with the most votes win.
//   - Ranked elections: one seat is instant-runoff (a candidate with more
//     than half of the continuing votes wins; otherwise the lowest is
//     excluded). Several seats are STV by the Weighted Inclusive Gregory
//     Method with the Droop quota (floor(valid ballots ÷ (seats + 1)) + 1),
//     in exact fractions with no truncation; see Tally for the details.
//     Ranked ballots cannot be combined with class weights.
//   - Fractions are exact (*big.Rat); each Ratio also carries BasisPoints,
//     rounded half up, for display only. Never decide on BasisPoints.
//
// Incremental tallies: CounterNames says which counters to add one to when
// a ballot is stored (DynamoDB-safe names, [a-z0-9_]); ParseCounters turns
// the stored counters back into Counts, and Tally takes Counts directly.
package ballot
