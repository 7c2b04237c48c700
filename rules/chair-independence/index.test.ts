import { RuleTester } from '../../src/testing/rule-tester.js';
import rule from './index.js';

const contributors =
  '## 7. Contributors to the Review\n\n| Agency | Contribution |\n|---|---|\n| Eastmere Police | IMR |\n| Eastmere Borough Council Housing Options | IMR |\n| Riverside Medical Practice | IMR |';

const good =
  '## 9. Author of the Overview Report\n\n' +
  '9.1 Catherine Pryor is the Independent Chair of the Review Panel and the author of this report. She worked in the Probation Service from 1994 until 2014 and has chaired domestic homicide reviews since 2016. She has completed accredited training for DHR chairs.\n\n' +
  '9.2 Statement of independence: Catherine Pryor has no connection with the Community Safety Partnership, with any agency involved in this review or with anyone connected to Maria or Adam.';

new RuleTester().run('chair-independence', rule, {
  valid: [
    // The fictional, well-formed long report (fixtures/long-report) as Word and as PDF: no finding.
    { name: 'well-formed long report, Word without heading styles', file: 'fixtures/long-report/report-unstyled.docx' },
    { name: 'well-formed long report, PDF', file: 'fixtures/long-report/report.pdf' },
    { name: 'name, background, dated past post and a statement', md: `${contributors}\n\n${good}` },
    {
      name: '"Independent Domestic Violence Advisor" beside a real statement',
      md: '## Chair and Author\n\nDr Amina Shah managed an Independent Domestic Violence Advisor service in another county from 2008 to 2015 and has chaired eight reviews. She is independent of every agency involved in this review.',
    },
    {
      name: 'separate chair and author sections',
      md:
        '## The Review Chair\n\nJane Holloway chaired the review. She was a senior manager in adult social care in Westshire until 2012 and has chaired reviews since 2014.\n\n' +
        '## Author of the Overview Report\n\nThe report was written by Dr Alan Reeve, a criminologist with twenty years of research experience. Neither the chair nor the author has any connection with the agencies or the people involved.',
    },
    {
      name: 'no chair section: the chair described in the Review Panel section',
      md:
        '## Review Panel\n\nThe Panel was chaired by Jane Holloway, a former social worker with 25 years of experience in safeguarding. She has no connection with any agency in Eastmere.\n\n| Name | Role |\n|---|---|\n| Jane Holloway | Independent Chair |',
    },
    {
      name: 'past post in another force needs no date',
      md: `${contributors}\n\n## Independent Chair\n\nMark Ellis served as a detective in Devon and Cornwall Police, a different force, and has chaired reviews for ten years. He has no connection with any agency in Eastmere.`,
    },
    {
      name: 'negated employment is a statement, not a past post',
      md: `${contributors}\n\n## Chair and Author\n\nRuth Calloway is a university lecturer with long experience of safeguarding research. She has never worked for Eastmere Police or any other agency involved.`,
    },
    {
      name: 'the time since a past post given as years ago',
      md: `${contributors}\n\n## Chair and Author\n\nMark Ellis retired from Eastmere Police twelve years ago and has chaired reviews since then. He has had no involvement with the case or the officers concerned.`,
    },
    {
      name: 'the name given on the title page and in the panel table only',
      md:
        '**Independent Chair and Author: Catherine Pryor**\n\n## Review Panel\n\n| Name | Role |\n|---|---|\n| Catherine Pryor | Independent Chair |\n\n' +
        '## Author of the Overview Report\n\nThe chair is a former probation manager who left the service in 2014 and has chaired reviews since 2016. She is wholly independent of the agencies involved.',
    },
    {
      name: 'a separate executive summary without a chair section',
      md: '# Executive Summary\n\n## 1. The Review Process\n\nThe review followed the statutory guidance.',
    },
    {
      name: 'background not required by option',
      md: '## Chair and Author\n\nJane Holloway chaired the review and wrote this report. She has no connection with any agency involved.',
      options: { requireBackground: false },
    },
    {
      name: 'a past post without a date when the option is off',
      md: `${contributors}\n\n## Chair and Author\n\nMark Ellis served with Eastmere Police and has chaired twelve reviews. He has no connection with the case.`,
      options: { requireGapIfPriorService: false },
    },
    {
      name: 'a heading the shared synonyms miss: "Independent Reviewer"',
      md: '## 9. Independent Reviewer\n\nDr Amina Shah is a former probation officer who left the service in 2009 and has conducted twelve reviews. She is independent of all the agencies involved.',
    },
    {
      name: 'IMR authors in the methodology are not the author',
      md: `${good}\n\n## 5. Methodology\n\nIMR authors were not involved in the case. The chair met each IMR author.`,
    },
  ],
  invalid: [
    {
      name: 'no chair or author anywhere',
      md: '## 5. Methodology\n\nAgencies wrote IMRs.\n\n## 8. Review Panel\n\nThe Panel had ten members.',
      errors: [{ messageId: 'missing', section: ['8 Review Panel'] }],
    },
    {
      name: 'the section never names the chair',
      md: '## Author of the Overview Report\n\nThe author is a former probation officer who left the service in 2010 and has chaired twelve reviews. She has no connection with any agency involved.',
      errors: [{ messageId: 'noName', section: ['Author of the Overview Report'], data: { section: '"Author of the Overview Report"' } }],
    },
    {
      name: 'a title and an IDVA service are not a statement of independence',
      md:
        '**Independent Chair: Jane Holloway**\n\n## Independent Chair\n\nJane Holloway is the Independent Chair. She managed an Independent Domestic Violence Advisor service in Westshire from 2005 to 2015 and has chaired six reviews.',
      errors: [{ messageId: 'noStatement', data: { section: '"Independent Chair"' } }],
    },
    {
      name: 'no background',
      md: '## 9. Chair and Author\n\nJane Holloway is the independent chair and author of this report. She has no connection with any agency involved.',
      errors: [{ messageId: 'noBackground', section: ['9 Chair and Author'] }],
    },
    {
      name: 'a past post in an agency involved, with no date',
      md: `${contributors}\n\n## 9. Chair and Author\n\nMark Ellis is a retired detective inspector who served with Eastmere Police for thirty years. He has chaired reviews in other areas and has no involvement with this case.`,
      errors: [{ messageId: 'priorServiceNoDate', level: 'warn', data: { section: '"9 Chair and Author"', agency: 'Eastmere Police' }, excerpt: 'served with Eastmere Police' }],
    },
    {
      name: 'a past post named in settings.agencies',
      md: '## Chair and Author\n\nMark Ellis previously worked for Wendle Valley Women\'s Centre and has chaired ten reviews. He is independent of the agencies involved.',
      settings: { agencies: { "Wendle Valley Women's Centre": 'da-specialist' } },
      errors: [{ messageId: 'priorServiceNoDate', level: 'warn', data: { section: '"Chair and Author"', agency: "Wendle Valley Women's Centre" } }],
    },
    {
      name: "a past post in the area's own police force",
      md: '## Chair and Author\n\nMark Ellis served as a detective with Westshire Police and has chaired ten reviews. He has no involvement with the case.',
      settings: { area: { csp: 'Safer Westshire Partnership' } },
      errors: [{ messageId: 'priorServiceNoDate', level: 'warn', data: { section: '"Chair and Author"', agency: 'Westshire Police' } }],
    },
    {
      name: 'a past post in a sector not shown to be involved: info',
      md: `${contributors}\n\n## Chair and Author\n\nMark Ellis worked in the ambulance service and has chaired ten reviews. He has no connection with the case.`,
      errors: [{ messageId: 'priorServiceNoDate', level: 'info', data: { section: '"Chair and Author"', agency: 'the ambulance service' } }],
    },
    {
      name: 'an executive summary whose chair section lacks a statement: info',
      md: '# Executive Summary\n\n## 4. Chair of the Review\n\nThe review was chaired by Jane P. Holloway, an independent consultant with a background in adult safeguarding.',
      errors: [{ messageId: 'noStatement', level: 'info', data: { section: '"4 Chair of the Review"' } }],
    },
    {
      name: 'everything missing from a chair section',
      md: '## Chair and Author\n\nThe Independent Chair and Author wrote this report.',
      errors: [{ messageId: 'noName' }, { messageId: 'noStatement' }, { messageId: 'noBackground' }],
    },
  ],
});
