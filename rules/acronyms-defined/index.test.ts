import { RuleTester } from '../../src/testing/rule-tester.js';
import rule from './index.js';

const TEN_DEFINED = [
  'Domestic Homicide Review (DHR)',
  'Community Safety Partnership (CSP)',
  'Individual Management Review (IMR)',
  'Multi-Agency Risk Assessment Conference (MARAC)',
  'Independent Domestic Violence Advisor (IDVA)',
  'Crown Prosecution Service (CPS)',
  'Safeguarding Adults Review (SAR)',
  'Integrated Care Board (ICB)',
  'Community Mental Health Team (CMHT)',
  'Emergency Department (ED)',
]
  .map((d) => `The ${d} is named here.`)
  .join(' ');

new RuleTester().run('acronyms-defined', rule, {
  valid: [
    { name: 'expanded before the brackets', md: '## Introduction\n\nThe Multi-Agency Risk Assessment Conference (MARAC) met. The MARAC agreed a plan.' },
    { name: 'expanded inside brackets after the acronym', md: '## Introduction\n\nA referral was made to AAFDA (Advocacy After Fatal Domestic Abuse). AAFDA replied.' },
    { name: 'lower-case expansion', md: '## Overview\n\nHe was seen by the community mental health team (CMHT). The CMHT discharged him.' },
    { name: 'mixed-case acronym', md: '## Terms of Reference\n\nThe Terms of Reference (ToR) were agreed. The ToR name coercive control.' },
    { name: 'several capitals and lower case', md: '## Contributors\n\nSouth East Coast Ambulance Service (SECAmb) contributed. SECAmb crews attended twice.' },
    {
      name: 'listed in a glossary table at the end',
      md: '## Analysis\n\nThe DASH was completed and the IDVA was allocated.\n\n## Appendix B – Glossary\n\n| Term | Meaning |\n|---|---|\n| DASH | Domestic Abuse, Stalking and Harassment |\n| IDVA | Independent Domestic Violence Advisor |',
    },
    {
      name: 'glossary written as lines with dashes',
      md: '## Analysis\n\nThe MARAC met twice.\n\n## Abbreviations\n\nMARAC – Multi-Agency Risk Assessment Conference\nCSP – Community Safety Partnership',
    },
    {
      name: 'glossary table under another heading',
      md: '## Analysis\n\nThe MARAC and the IDVA and the CSP were involved.\n\n## Appendix C\n\n| Abbreviation | Full name |\n|---|---|\n| MARAC | Multi-Agency Risk Assessment Conference |\n| IDVA | Independent Domestic Violence Advisor |\n| CSP | Community Safety Partnership |',
    },
    { name: 'well-known acronyms need no expansion', md: '## Background\n\nShe moved to the UK in 2009 and registered with an NHS GP.' },
    { name: 'all-capitals headings are not acronyms', md: '## TERMS OF REFERENCE\n\nThe review covers 2019 to 2023.' },
    { name: 'a shouted paragraph', md: '## Front\n\nPLEASE NOTE THIS REPORT IS CONFIDENTIAL UNTIL PUBLISHED\n\nText follows.' },
    {
      name: 'letter pseudonyms declared in the report',
      md: '## Introduction\n\nThe victim is referred to as AA and the perpetrator as BB in this report.\n\n## Background\n\nAA met BB in 2019.',
    },
    { name: 'letter pseudonyms from settings', md: '## Background\n\nTL met CF in 2019.', settings: { pseudonyms: [{ label: 'TL', role: 'victim' }, { label: 'CF', role: 'perpetrator' }] } },
    { name: 'initials after a title', md: '## Background\n\nMr TL told the officer that he had not seen Mrs CF since May.' },
    { name: 'roman numerals', md: '## Methodology\n\nPart II of the guidance and chapter IV were followed.' },
    { name: 'OCR noise for a defined acronym', md: '## Introduction\n\nThis Domestic Homicide Review (DHR) began in 2023. The OHR panel met six times.' },
    { name: 'postcode fragments', md: '## Background\n\nThe family lived in the EM1 area, then moved to 4AB Street.' },
    { name: 'a word also written normally elsewhere', md: '# MARIA\n\n## Preface\n\nMaria loved cooking. MARIA was her nickname at work.' },
    { name: 'names with inner capitals', md: '## Background\n\nMr McKay posted videos on TikTok and PayPal was used for payments.' },
    { name: 'a web address', md: '## Dissemination\n\nThe report is published at www.eastmere.gov.uk/DHR2023.' },
    {
      name: 'explained in a footnote',
      md: '## Analysis\n\nThe case went to the MARAC.[^1]\n\n[^1]: MARAC – Multi-Agency Risk Assessment Conference, a meeting about high-risk cases.',
    },
    { name: 'the QA letter appendix is not checked', md: '## Appendix D – Home Office Quality Assurance Panel letter\n\nThe QA Panel thanks the CSP for the DHR.' },
    { name: 'extra allowed acronyms', md: '## Background\n\nHe worked for the RAC as a patrolman.', options: { allow: ['RAC'] } },
    { name: 'fewer acronyms than the threshold without a glossary', md: `## Introduction\n\n${TEN_DEFINED}`, options: { glossaryThreshold: 11 } },
    {
      name: 'a glossary in plain text whose lines lost their layout',
      text: '1. INTRODUCTION\n\nThe MARAC met in March and the IDVA called twice.\n\nAppendix B Glossary\nMARAC Multi-Agency Risk Assessment Conference IDVA Independent Domestic Violence Advisor',
    },
    {
      name: 'a glossary that describes rather than expands is not an inconsistency',
      md: '## Introduction\n\nThe Multi-Agency Risk Assessment Conference (MARAC) met.\n\n## Glossary\n\n| Term | Meaning |\n|---|---|\n| MARAC | A meeting where agencies share information about high-risk cases |',
    },
    {
      name: 'adviser and advisor are one expansion',
      md: '## Introduction\n\nAn Independent Domestic Violence Adviser (IDVA) was allocated. Later the Independent Domestic Violence Advisor (IDVA) called.',
    },
    {
      name: 'the title page may use an acronym explained in the introduction',
      md: '**Eastmere CSP**\n\n**DHR into the death of Maria**\n\n## Introduction\n\nEastmere Community Safety Partnership (CSP) commissioned this Domestic Homicide Review (DHR).',
    },
    { name: 'a definition by description', md: '## Analysis\n\nAn IDVA is a specialist who supports high-risk victims. The IDVA called twice.' },
  ],
  invalid: [
    {
      name: 'never explained (example report VPRF)',
      md: '## 16. Analysis\n\n16.1.2 The officer in the case submitted a VPRF, but no one checked that Maria was safe.',
      errors: [{ messageId: 'undefined', data: { acronym: 'VPRF', known: '' }, line: 3, column: 44, section: ['16 Analysis'] }],
    },
    {
      name: 'never explained, with a known expansion suggested',
      md: '## Analysis\n\nThe case was heard at MARAC on 16 March.',
      errors: [{ messageId: 'undefined', data: { acronym: 'MARAC', known: ' ("Multi-Agency Risk Assessment Conference (MARAC)")' } }],
    },
    {
      name: 'settings.acronyms supplies the expansion',
      md: '## Analysis\n\nThe VPRF was not shared.',
      settings: { acronyms: { VPRF: 'Vulnerable Person Referral Form' } },
      errors: [{ messageId: 'undefined', data: { acronym: 'VPRF', known: ' ("Vulnerable Person Referral Form (VPRF)")' } }],
    },
    {
      name: 'used before it is explained',
      md: '## Introduction\n\nThe MARAC met in March.\n\n## Analysis\n\nThe Multi-Agency Risk Assessment Conference (MARAC) had no interim step.',
      errors: [{ messageId: 'late', level: 'info', line: 3, data: { acronym: 'MARAC', where: 'section Analysis' } }],
    },
    {
      name: 'two different expansions',
      md: '## Methodology\n\nEach Individual Management Review (IMR) was read.\n\n## Analysis\n\nThe Internal Management Review (IMR) for the police was revised.',
      errors: [{ messageId: 'inconsistent', level: 'info', line: 7, data: { acronym: 'IMR', expansion: 'Internal Management Review', other: 'Individual Management Review', where: 'section Methodology' } }],
    },
    {
      name: 'many acronyms and no glossary',
      md: `## Introduction\n\n${TEN_DEFINED}`,
      errors: [{ messageId: 'noGlossary', level: 'warn' }],
    },
    {
      name: 'an executive summary without a glossary is told at info level',
      md: `# Executive Summary\n\n## Introduction\n\n${TEN_DEFINED}`,
      errors: [{ messageId: 'noGlossary', level: 'info' }],
    },
    {
      name: 'a lower glossary threshold',
      md: '## Introduction\n\nThe Domestic Homicide Review (DHR) and the Community Safety Partnership (CSP).',
      options: { glossaryThreshold: 2 },
      errors: [{ messageId: 'noGlossary', data: { count: 2, examples: 'DHR, CSP' } }],
    },
    {
      name: 'an unexplained acronym in a table row',
      md: '## Chronology\n\n| Date | Event |\n|---|---|\n| May 2022 | Referral to the CRHT |',
      errors: [{ messageId: 'undefined', line: 5 }],
    },
    {
      name: 'a capitalised word used once is only info',
      md: '## Background\n\nHe sent her a text that said SORRY in capitals.',
      errors: [{ messageId: 'undefined', level: 'info', data: { acronym: 'SORRY', known: '' } }],
    },
    {
      name: 'plural form',
      md: '## Analysis\n\nTwo VPRFs were submitted.',
      errors: [{ messageId: 'undefined', data: { acronym: 'VPRF', known: '' } }],
    },
  ],
});
