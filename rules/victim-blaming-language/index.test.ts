import { RuleTester } from '../../src/testing/rule-tester.js';
import rule from './index.js';

const DECLARED = '"Amira" is a pseudonym chosen by her family. The man who killed her is called "Dan" in this report.\n\n';

new RuleTester().run('victim-blaming-language', rule, {
  valid: [
    // LANGUAGE.md §4: sympathetic or neutral text that must not be flagged.
    {
      name: 'condolence calling the death a tragedy (preface)',
      md: '## Preface\n\nThe Panel offers its deepest sympathy to Amira\'s family and friends. It was a tragedy for everyone who knew her.',
    },
    {
      name: 'condolence calling the death a tragedy outside the preface',
      md: '## Introduction\n\nThe Panel offers its deepest sympathy to Amira\'s family and friends. It was a tragedy for everyone who knew her.',
    },
    { name: 'responsibility placed on the perpetrator', md: '## Preface\n\nResponsibility for Amira\'s death lies with the man who killed her, and with no one else.' },
    {
      name: 'quoted and critiqued in the next sentence',
      md: '## Analysis\n\nThe call handler logged the incident as \'a verbal dispute\'. The Panel considers that this minimised a serious assault.',
    },
    {
      name: 'reported with "recorded as" and critiqued',
      md: '## Analysis\n\nThe officers recorded it as a verbal argument between Amira and Dan, which minimised what had happened.',
    },
    { name: 'agency as subject of "did not engage"', md: '## Analysis\n\nAgencies did not engage with Amira\'s sister, who had tried to raise concerns.' },
    {
      name: 'the reframed question about leaving',
      md: '## Analysis\n\nBarriers to leaving included his control of her money, her immigration status and fear of losing the children.',
    },
    {
      name: 'a reason is given for not taking up help',
      md: '## Analysis\n\nAmira did not take up the refuge place because he had threatened her family.',
    },
    { name: 'fought, not between victim and perpetrator', md: '## Family involvement\n\nHer brother fought for a review to take place.' },
    { name: 'fight for custody', md: '## Background\n\nAmira had to fight for custody of her son after Dan left.' },
    { name: 'legal term: loss of control defence', md: '## Parallel reviews\n\nThe jury rejected the partial defence of loss of control.' },
    {
      name: 'legal term: diminished responsibility',
      md: '## Parallel reviews\n\nHe pleaded guilty to manslaughter on the grounds of diminished responsibility.',
    },
    { name: 'other sense of volatile', md: '## Background\n\nHe had a history of volatile substance misuse.' },
    { name: 'a row of the action plan', md: '## Recommendations\n\nRow 4 of the action plan covers training.' },
    { name: 'a dispute with a neighbour', md: '## Background\n\nDan had a dispute with a neighbour about parking in 2019.' },
    {
      name: 'talking about the word itself',
      md: '## Definitions\n\nThis report uses \'domestic abuse\' rather than \'domestic violence\' because the abuse was not only physical.',
    },
    { name: 'naming choices', md: '## Confidentiality\n\nThe family chose the pseudonym Patsy. He will be known only as \'the perpetrator\'.' },
    {
      name: 'isolated incident as a critique of agency practice',
      md: '## Analysis\n\nEach agency treated its contact as an isolated incident, so no one saw the pattern of abuse.',
    },
    { name: 'perpetrator as subject of non-engagement', md: DECLARED + '## Analysis\n\nDan did not engage with the perpetrator programme.' },
    { name: 'a phone that snapped', md: '## Chronology\n\nHer phone snapped when he threw it against the wall.' },
    { name: 'snapped at someone (spoke sharply)', md: '## Chronology\n\nHe snapped at the receptionist and left.' },
    { name: 'lost control of a car', md: '## Background\n\nIn 2015 he lost control of the car on an icy road.' },
    { name: 'out of character without violence', md: '## Background\n\nIt was out of character for Amira to miss a shift at work.' },
    { name: 'the legal argument at trial', md: '## Parallel reviews\n\nCounsel argued that the killing was not premeditated.' },
    { name: 'glossary is skipped', md: '## Glossary\n\n| Term | Meaning |\n|---|---|\n| Mutual violence | A term the review does not use |' },
    {
      name: 'quoted text is skipped when quoted is off',
      md: '## Analysis\n\nThe IMR states: Amira and Dan had a volatile relationship.',
      options: { quoted: 'off' },
    },
    { name: 'an allowed phrase family', md: '## Background\n\nThey had a volatile relationship.', options: { allow: ['mutualising-relationship'] } },
    { name: 'unprovoked attack', md: '## Chronology\n\nIn 2016 he carried out an unprovoked attack on a stranger.' },
    { name: 'a tragedy that also names the killing', md: '## Conclusions\n\nThis tragedy was a homicide that followed years of coercive control.' },
    {
      name: 'record wording from a heuristic list in the chronology is not reported',
      md: '## Chronology\n\n| Date | Agency | Event |\n|---|---|---|\n| 6 December 2022 | GP | GP asks directly about safety; Helen declines help. |',
    },
    {
      name: 'a phrase the report criticises elsewhere, quoted in the chronology',
      md: '## Chronology\n\n| Date | Event |\n|---|---|\n| 2018 | The log records "verbal argument only". |\n\n## Analysis\n\nThe police log recorded a "verbal argument only"; the wording minimised his behaviour.',
    },
    { name: 'another person lets him back', md: DECLARED + '## Background\n\nHer mother let him back into the family home.' },
    { name: 'why the perpetrator returned', md: DECLARED + '## Analysis\n\nThe Panel asked why Dan returned to the house that night. He killed her an hour later.' },
    { name: 'why agencies did not stay involved', md: '## Analysis\n\nThe Panel asked why did the officers not stay until the IDVA arrived.' },
    { name: 'non-engagement by the perpetrator', md: DECLARED + '## Analysis\n\nNon-engagement by Dan with probation was not escalated.' },
    { name: 'the victim disclosed it in her own words', md: DECLARED + '## Analysis\n\nAmira disclosed that she and Dan argued and that he had pushed her.', options: { quoted: 'off' } },
    { name: 'an argument about custody', md: DECLARED + '## Background\n\nAmira and Dan argued about child contact arrangements through solicitors.' },
  ],
  invalid: [
    {
      name: 'volatile relationship in the author\'s voice (example report)',
      md: '## 13. Background Information\n\n13.3 The Panel found that Maria and Adam had a volatile relationship from 2021 onwards.',
      errors: [{ messageId: 'phrase', excerpt: 'volatile relationship', line: 3, column: 48, level: 'warn', section: ['13 Background Information'] }],
    },
    {
      name: 'suggestion uses the declared names',
      md: DECLARED + '## Background\n\nTheir relationship was described by friends as stormy. Amira and Dan had a stormy relationship.',
      errors: [
        { messageId: 'quoted', level: 'info', excerpt: 'relationship was described by friends as stormy' },
        { messageId: 'phrase', level: 'warn', data: { text: 'stormy relationship', note: 'describes the abuse as something both partners did, which moves sympathy towards the abuser.', suggestion: '"Dan\'s abuse of Amira" or "the relationship, in which Dan controlled and abused Amira"' } },
      ],
    },
    {
      name: 'quoted phrase from an IMR is lowered to info',
      md: '## Analysis\n\nThe police IMR describes the 999 call as a "verbal dispute" between the couple.',
      errors: [{ messageId: 'quoted', level: 'info', excerpt: 'verbal dispute' }],
    },
    {
      name: 'quoted phrase kept at full level with quoted: same',
      md: '## Analysis\n\nThe police IMR calls it a "verbal dispute" between the couple.',
      options: { quoted: 'same' },
      errors: [{ messageId: 'quoted', level: 'warn' }],
    },
    {
      name: 'argument between the partners before an assault',
      md: DECLARED + '## Chronology\n\nFollowing an argument, Dan punched Amira in the face.',
      errors: [{ messageId: 'phrase', level: 'warn', excerpt: 'argument' }],
    },
    {
      name: 'altercation between the couple without violence words is info',
      md: '## Background\n\nThe couple had frequent rows about his drinking.',
      errors: [{ messageId: 'phrase', level: 'info', excerpt: 'frequent rows' }],
    },
    {
      name: 'mutual abuse',
      md: '## Analysis\n\nOfficers saw the incidents as mutual violence.',
      errors: [{ messageId: 'phrase', excerpt: 'mutual violence' }],
    },
    {
      name: 'crime of passion and snapped',
      md: '## Conclusions\n\nThis was not a crime of passion. He snapped and strangled her.',
      errors: [
        { messageId: 'phrase', excerpt: 'crime of passion' },
        { messageId: 'phrase', excerpt: 'He snapped' },
      ],
    },
    {
      name: 'the question on the victim in a heading',
      md: '## So, why did April continue her relationship?\n\nText.',
      errors: [{ messageId: 'phrase', excerpt: 'why did April continue', line: 1 }],
    },
    {
      name: 'went back to him and let him back',
      md: '## Background\n\nShe went back to him in 2021 and let him back into the flat.',
      errors: [
        { messageId: 'phrase', excerpt: 'went back to him' },
        { messageId: 'phrase', excerpt: 'let him back' },
      ],
    },
    {
      name: 'provocation and alcohol as the cause',
      md: '## Analysis\n\nShe wound him up. The assault was fuelled by alcohol.',
      errors: [
        { messageId: 'phrase', excerpt: 'wound him up' },
        { messageId: 'phrase', excerpt: 'fuelled by alcohol' },
      ],
    },
    {
      name: 'putting herself at risk',
      md: '## Analysis\n\nAgencies thought she was putting herself at risk by staying in contact.',
      errors: [{ messageId: 'phrase', excerpt: 'putting herself at risk' }],
    },
    {
      name: 'the victim as subject of failed to engage',
      md: DECLARED + '## Analysis\n\nAmira failed to engage with the IDVA service.',
      errors: [{ messageId: 'phrase', level: 'warn', excerpt: 'failed to engage' }],
    },
    {
      name: 'failed to engage with a reason is info',
      md: DECLARED + '## Analysis\n\nAmira did not engage with the IDVA because Dan was monitoring her phone.',
      errors: [{ messageId: 'phrase', level: 'info' }],
    },
    {
      name: 'hard to reach: suggestion with replacement',
      md: DECLARED + '## Analysis\n\nAmira was seen as hard to reach.',
      errors: [{ messageId: 'phrase', excerpt: 'hard to reach' }],
    },
    {
      name: 'tragedy as the only label for the killing',
      md: '## Conclusions\n\nThe tragic incident in March could not have been predicted.',
      errors: [{ messageId: 'phrase', level: 'info', excerpt: 'tragic incident' }],
    },
    {
      name: 'a chronology row repeats record wording: lowered to info, reported on the row',
      md: '## Chronology\n\n| Date | Event |\n|---|---|\n| May 2021 | Police attend a domestic dispute at the address. |',
      errors: [{ messageId: 'quoted', level: 'info', line: 5, excerpt: 'domestic dispute' }],
    },
    {
      name: 'phrase in a table outside the chronology',
      md: '## Analysis\n\n| Agency | Finding |\n|---|---|\n| Police | Officers treated it as a domestic dispute. |',
      errors: [{ messageId: 'phrase', level: 'warn', line: 5 }],
    },
    {
      name: 'isolated incident in the author\'s voice',
      md: '## Conclusions\n\nThe killing was an isolated incident.',
      errors: [{ messageId: 'phrase', excerpt: 'an isolated incident' }],
    },
    {
      name: 'extra terms from options',
      md: '## Analysis\n\nShe was a difficult victim.',
      options: { terms: [{ id: 'difficult-victim', inconsiderate: ['difficult victim'], note: 'labels the victim as the problem.', considerate: ['Describe what made contact difficult.'] }] },
      errors: [{ messageId: 'phrase', excerpt: 'difficult victim' }],
    },
  ],
});
