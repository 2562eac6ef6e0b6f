import { describe, expect, it } from 'vitest';
import { sharedWordVectors } from '../mapping/word-vectors.js';
import type { BriefSession } from './brief-input.js';
import { prepBriefMarkdown } from './brief-documents.js';
import { groupInterviewQuestions, isInterviewQuestion } from './prep-questions.js';

const session = (id: string, candidateName: string, questions: string[]): BriefSession => ({
  sessionId: id,
  title: `${candidateName}, onsite`,
  stage: 'Onsite',
  date: `2026-01-0${id}`,
  candidateName,
  interviewerSpeakers: ['Interviewer'],
  segments: questions.flatMap((text, i) => [
    { id: `${id}-q${i}`, start: i * 60, end: i * 60 + 5, speaker: 'Interviewer', text, words: [] },
    { id: `${id}-a${i}`, start: i * 60 + 5, end: i * 60 + 55, speaker: 'Candidate', text: 'Sure. At my last job we did that.', words: [] },
  ]),
});

describe('isInterviewQuestion', () => {
  it('takes questions and prompts, not tags or check-ins', () => {
    expect(isInterviewQuestion('Why are you leaving your current company?')).toBe(true);
    expect(isInterviewQuestion('Walk me through how you debug a production outage.')).toBe(true);
    expect(isInterviewQuestion('It scales well, right?')).toBe(false);
    expect(isInterviewQuestion('Does that make sense?')).toBe(false);
    expect(isInterviewQuestion('Is that right?')).toBe(false);
    // A question that ends in a tag word is still a question when no comma sets the tag off.
    expect(isInterviewQuestion('How do you make sure the data in your pipelines is actually correct?')).toBe(true);
    expect(isInterviewQuestion('We use Postgres here.')).toBe(false);
  });

  it('looks past spoken openers', () => {
    expect(isInterviewQuestion('So, um, tell me about your last project.')).toBe(true);
    expect(isInterviewQuestion('Okay, uh, walk me through your résumé.')).toBe(true);
    expect(isInterviewQuestion('So, um, we started in 2019.')).toBe(false);
    expect(isInterviewQuestion('So, um, to kick things off, just tell me a bit about yourself.')).toBe(true);
    expect(isInterviewQuestion('Just to get us going — walk me through your background.')).toBe(true);
    expect(isInterviewQuestion('Okay, give me the potted history.')).toBe(true);
    expect(isInterviewQuestion('We moved offices last year, so the team is new.')).toBe(false);
  });
});

describe('groupInterviewQuestions', () => {
  const sessions = [
    session('1', 'Ana', ['Why do you want to leave your current job?', 'Tell me about a time you handled a difficult customer.', 'How do you prioritize deals in your pipeline?']),
    session('2', 'Ben', ["What's making you look for a new role?", 'Can you describe a situation where you dealt with a tough client?', 'What are your salary expectations?']),
    session('3', 'Cai', ['Why are you leaving your current company?', 'Walk me through how you debug a production outage.']),
  ];

  it('groups paraphrases with the word vectors, counts them, and keeps different questions apart', () => {
    const prep = groupInterviewQuestions(sessions, sharedWordVectors());
    expect(prep.sessionsRead).toBe(3);
    expect(prep.questionsAsked).toBe(8);
    const [leaving, customer, ...rest] = prep.groups;
    expect(leaving).toMatchObject({ count: 3, sessions: 3, example: { text: 'Why do you want to leave your current job?', sessionId: '1', segmentId: '1-q0', candidateName: 'Ana' } });
    expect(leaving!.variants).toEqual(["What's making you look for a new role?", 'Why are you leaving your current company?']);
    expect(customer).toMatchObject({ count: 2, sessions: 2, example: { text: 'Tell me about a time you handled a difficult customer.' } });
    expect(rest.map((g) => [g.example.text, g.count])).toEqual([
      ['How do you prioritize deals in your pipeline?', 1],
      ['What are your salary expectations?', 1],
      ['Walk me through how you debug a production outage.', 1],
    ]);
  });

  it('groups a spoken paraphrase and keeps apart a near-miss that shares its words', () => {
    const prep = groupInterviewQuestions(
      [
        session('1', 'Ana', ['Tell me about a time you handled a difficult customer.', 'When could you start?']),
        session('2', 'Ben', ['So, um, can you describe a situation where you dealt with, uh, a really tough client?', 'So the homepage takes six seconds to load. Where do you start?']),
        session('3', 'Cai', ['How do you handle a customer who wants a discount?']),
      ],
      sharedWordVectors(),
    );
    const grouped = prep.groups.map((g) => [g.example.text, ...g.variants]);
    expect(grouped).toContainEqual(['Tell me about a time you handled a difficult customer.', 'So, um, can you describe a situation where you dealt with, uh, a really tough client?']);
    // Same words, other questions: "start" (a date, a first step), "customer" (a hard one, a discount).
    expect(grouped).toContainEqual(['When could you start?']);
    expect(grouped).toContainEqual(['So the homepage takes six seconds to load. Where do you start?']);
    expect(grouped).toContainEqual(['How do you handle a customer who wants a discount?']);
  });

  it('reads a bare follow-up with the sentence before it', () => {
    const prep = groupInterviewQuestions(
      [
        session('1', 'Ana', ['Someone calls in sick an hour before the shift. What do you do?']),
        session('2', 'Ben', ['How do you cover a shift when someone calls out sick?']),
        session('3', 'Cai', ['Have you ever pushed back on your manager? What happened?']),
        session('4', 'Dee', ["Hi Dee. What's making you look for a new role?"]),
        session('5', 'Eli', ['Why are you leaving your current company?']),
      ],
      sharedWordVectors(),
    );
    expect(prep.questionsAsked).toBe(5);
    const grouped = prep.groups.map((g) => [g.example.text, ...g.variants]);
    expect(grouped).toContainEqual(['Someone calls in sick an hour before the shift. What do you do?', 'How do you cover a shift when someone calls out sick?']);
    expect(grouped).toContainEqual(['Have you ever pushed back on your manager? What happened?']);
    // A greeting is not context.
    expect(grouped).toContainEqual(["What's making you look for a new role?", 'Why are you leaving your current company?']);
  });

  it('without vectors, groups only the same wording', () => {
    const prep = groupInterviewQuestions([session('1', 'Ana', ['How big is the team?']), session('2', 'Ben', ['How big is the team?', 'What are your salary expectations?'])], null);
    expect(prep.groups.map((g) => [g.example.text, g.count, g.sessions])).toEqual([
      ['How big is the team?', 2, 2],
      ['What are your salary expectations?', 1, 1],
    ]);
  });

  it('exports a one-page brief for the candidate without earlier candidates’ names', () => {
    const prep = groupInterviewQuestions(sessions, sharedWordVectors());
    const md = prepBriefMarkdown({ stage: 'Onsite', interviewer: 'Dana Kim', prep });
    expect(md).toMatch(/^# Preparing for your Onsite with Dana Kim\n/);
    expect(md).toContain('1. Why do you want to leave your current job? _(asked in 3 interviews)_');
    for (const name of ['Ana', 'Ben', 'Cai']) expect(md).not.toContain(name);
    expect(prepBriefMarkdown({ stage: 'Onsite', interviewer: null, prep: groupInterviewQuestions([], null) })).toContain('No questions from earlier interviews at this stage yet.');
  });

  it('groups a paraphrase in other words, keeps apart a question that shares its topic word', () => {
    const prep = groupInterviewQuestions(
      [
        session('1', 'Ana', ['How would you design a rate limiter for our API?']),
        session('2', 'Ben', ['So, um, how would you go about building a rate limiter for an API?']),
        session('3', 'Cai', ['How do you handle versioning when you change a public API?']),
      ],
      sharedWordVectors(),
    );
    const grouped = prep.groups.map((g) => [g.example.text, ...g.variants]);
    expect(grouped).toContainEqual(['How would you design a rate limiter for our API?', 'So, um, how would you go about building a rate limiter for an API?']);
    // Also about an API, but it asks how to change one safely, not how to build a limiter.
    expect(grouped).toContainEqual(['How do you handle versioning when you change a public API?']);
  });

  it('groups a universal question however it is worded, and keeps two universal questions apart', () => {
    const prep = groupInterviewQuestions(
      [
        session('1', 'Ana', ['So, um, could you walk me through your CV?', 'What are you earning at the moment?']),
        session('2', 'Ben', ['How did you end up doing this kind of work?', 'What sort of figure are you looking for to make the move?']),
        session('3', 'Cai', ['Give me the short version of your career so far.']),
      ],
      sharedWordVectors(),
    );
    const grouped = prep.groups.map((g) => [g.example.text, ...g.variants]);
    expect(grouped).toContainEqual(['So, um, could you walk me through your CV?', 'How did you end up doing this kind of work?', 'Give me the short version of your career so far.']);
    expect(grouped).toContainEqual(['What are you earning at the moment?']);
    expect(grouped).toContainEqual(['What sort of figure are you looking for to make the move?']);
  });

  it('does not let numbers and times carry a likeness', () => {
    // "one week in six", "six patients", "three days a week": close in the vectors, different questions.
    const questions = ['Are you okay with an on-call rotation, say one week in six?', 'How do you prioritize when you have six patients at once?', 'How do you feel about coming into the office three days a week?'];
    const prep = groupInterviewQuestions(
      questions.map((q, i) => session(`${i + 1}`, `C${i}`, [q])),
      sharedWordVectors(),
    );
    expect(prep.groups.map((g) => [g.example.text, ...g.variants])).toEqual(questions.map((q) => [q]));
  });
});
