import type { MailLanguagePack } from './pack.js'

const SIGNED = '\n\n{{link}}\n\nMeridian'

export const en: MailLanguagePack = {
  templates: {
    passwordReset: {
      subject: 'Reset your Meridian password',
      text: 'Hello {{name}},\n\nSomeone asked to reset the password of your Meridian account. If it was you, open this link within {{minutes}} minutes to choose a new password:\n\n{{link}}\n\nIf it was not you, ignore this message: your password stays as it is.',
    },
    invitation: {
      subject: 'You are invited to Meridian at {{institution}}',
      text: 'Hello {{name}},\n\n{{inviter}} invites you to Meridian, the international office system of {{institution}}, as {{role}}.\nOpen this link within {{days}} days to choose your password:\n\n{{link}}',
    },
    agreementEnding: {
      subject: '{{reference}} ends in {{days}} days ({{endDate}})',
      text: 'Dear {{name}},\n\nThe agreement "{{title}}" ({{reference}}) ends on {{endDate}}, in {{days}} days.\nRenew it, or let the partner know it will end, so that no mobility is left without cover.\n\n{{link}}\n\nMeridian — sent because you are responsible for this agreement.',
    },
    callOpened: {
      subject: 'Applications are open: {{call}}',
      text: 'Dear {{name}},\n\nYou asked to be told when you can apply. The call "{{call}}" ({{year}}) is open until {{closes}}, and it offers:\n{{opportunities}}\n\n{{link}}\n\nMeridian — sent once, because you asked on the catalog page.',
    },
    applicationSubmitted: {
      subject: 'Your application is submitted: {{call}}',
      text: `Dear {{name}},\n\nWe have received your application to "{{call}}". You may withdraw it until the places are given; we will write when the result is published.${SIGNED}`,
    },
    applicationWithdrawn: {
      subject: 'Your application is withdrawn: {{call}}',
      text: `Dear {{name}},\n\nYour application to "{{call}}" is withdrawn. If you did not mean to withdraw it, contact the international office.${SIGNED}`,
    },
    reviewerAssigned: {
      subject: 'You are asked to review: {{call}}',
      text: `Dear {{name}},\n\nThe international office has named you a reviewer of the call "{{call}}" ({{year}}). Its submitted applications wait for your scores on the call's criteria; if you know an applicant too well to judge fairly, declare a conflict and the application leaves your list.${SIGNED}`,
    },
    documentDeleted: {
      subject: 'Your document is deleted: {{file}}',
      text: `Dear {{name}},\n\nThe international office has deleted your document "{{file}}" from your application to "{{call}}". It can no longer be read by anyone. If you did not ask for this, contact the international office.${SIGNED}`,
    },
    documentKept: {
      subject: 'Your document is kept for now: {{file}}',
      text: `Dear {{name}},\n\nYou asked us to delete your document "{{file}}". The international office keeps it for now, because:\n  {{reason}}\n\nIt is still read only by those responsible for your mobility, and identity and health documents are deleted when the retention period after your mobility ends. You may ask again when the reason no longer holds.${SIGNED}`,
    },
    placeOffered: {
      subject: 'Result of your application: {{call}}',
      text: `Dear {{name}},\n\nYou are offered a place in:\n  {{opportunity}}\n\nPlease accept or decline it by {{deadline}}; an offer not answered by then lapses.\n\nWhat you got and why:${SIGNED}`,
    },
    placeFreed: {
      subject: 'Your place has changed: {{call}}',
      text: `Dear {{name}},\n\nA place has become free, and you are now offered:\n  {{opportunity}}\n\nPlease accept or decline it by {{deadline}}; an offer not answered by then lapses.\n\nWhat you got and why:${SIGNED}`,
    },
    waitingList: {
      subject: 'Result of your application: {{call}}',
      text: `Dear {{name}},\n\nThere is no place for you yet. You are on the waiting list, and we will write if a place becomes free.\n\nWhat you got and why:${SIGNED}`,
    },
    offerAccepted: {
      subject: 'You have accepted your place: {{opportunity}}',
      text: `Dear {{name}},\n\nYou have accepted your place in {{opportunity}}. The international office will now nominate you to the host; we will write when it does.${SIGNED}`,
    },
    offerDeclined: {
      subject: 'You have declined your place: {{opportunity}}',
      text: `Dear {{name}},\n\nYou have declined your place in {{opportunity}}; it goes to the next student in line.${SIGNED}`,
    },
    nominationToHost: {
      subject: 'Nomination: {{student}} to {{opportunity}}',
      text: "Dear {{name}},\n\nWe nominate {{student}} <{{studentEmail}}> for {{opportunity}} ({{year}}) at {{host}}.\nThe nomination letter is attached. The student's documents are in Meridian, where you can accept or reject the nomination:\n{{link}}\n\nIf you have no account yet, reply to this message and we will invite you.\n\nMeridian",
    },
    nominated: {
      subject: 'You are nominated to {{host}}',
      text: `Dear {{name}},\n\nWe have nominated you to {{host}} for {{opportunity}} ({{year}}).\nThe host will now confirm your acceptance; we will write when it does.${SIGNED}`,
    },
    hostAccepted: {
      subject: '{{host}} has accepted you',
      text: `Dear {{name}},\n\n{{host}} has accepted you for {{opportunity}} ({{year}}). Its letter of acceptance will appear with your application.${SIGNED}`,
    },
    hostRejected: {
      subject: '{{host}} has not accepted your nomination',
      text: `Dear {{name}},\n\n{{host}} has not accepted your nomination for {{opportunity}}: {{reason}}\nThe international office will contact you about what comes next.${SIGNED}`,
    },
    partnerNominated: {
      subject: 'You are nominated to {{opportunity}}',
      text: `Dear {{name}},\n\n{{partner}}, of your home institution, has nominated you for {{opportunity}} in our call "{{call}}". Your application is ready as a draft with this elective chosen: complete your profile, upload the documents the call asks for, and submit it before the call closes.${SIGNED}`,
    },
    partnerNominatedInvite: {
      subject: 'You are nominated to {{opportunity}}: create your account',
      text: `Dear {{name}},\n\n{{partner}}, of your home institution, has nominated you for {{opportunity}} in our call "{{call}}". Open this link within {{days}} days to create your Meridian account; your application waits there as a draft, to complete and submit before the call closes:\n\n{{link}}\n\nMeridian`,
    },
    admitted: {
      subject: 'You are admitted: your letter of acceptance',
      text: `Dear {{name}},\n\nWe are glad to welcome you for {{opportunity}} ({{year}}). Your letter of acceptance is ready on your mobility page. If you need a visa, give your passport details there and download the visa invitation letter; then complete the checklist before your arrival.${SIGNED}`,
    },
    laToSign: {
      subject: 'Learning agreement to sign: {{student}}, version {{version}}',
      text: `Dear {{name}},\n\n{{student}} has signed version {{version}} of their learning agreement and asks for your signature:${SIGNED}`,
    },
    laApproved: {
      subject: 'Your learning agreement is approved (version {{version}})',
      text: `Dear {{name}},\n\nAll three signatures are on version {{version}} of your learning agreement: it is approved.${SIGNED}`,
    },
    laRejected: {
      subject: 'Your learning agreement needs changes (version {{version}})',
      text: `Dear {{name}},\n\n{{by}} has rejected version {{version}} of your learning agreement: {{comment}}\nStart a new version from it, change what is asked, and sign it again.${SIGNED}`,
    },
    checklistToVerify: {
      subject: 'Checklist to verify: {{student}}',
      text: `Dear {{name}},\n\n{{student}} has submitted every item of the checklist before departure. Some are waiting for your verification.${SIGNED}`,
    },
    itemVerified: {
      subject: 'Checklist: your {{item}} is verified',
      text: `Dear {{name}},\n\nThe international office has verified your {{item}}.${SIGNED}`,
    },
    checklistComplete: {
      subject: 'Your checklist before departure is complete',
      text: `Dear {{name}},\n\nThe international office has verified every item of your checklist, the {{item}} last. Nothing is missing for your mobility.${SIGNED}`,
    },
    itemRejected: {
      subject: 'Checklist: your {{item}} needs another look',
      text: `Dear {{name}},\n\nThe international office could not accept your {{item}}:\n\n{{reason}}\n\nPlease correct it and submit it again.${SIGNED}`,
    },
    itemExpiring: {
      subject: 'Checklist: your {{item}} expires soon',
      text: `Dear {{name}},\n\nYour {{item}} expires in {{days}} days, on {{date}}.\nPlease renew it and upload the new proof in Meridian.${SIGNED}`,
    },
    itemExpired: {
      subject: 'Checklist: your {{item}} has expired',
      text: `Dear {{name}},\n\nYour {{item}} expired on {{date}}.\nPlease renew it and upload the new proof in Meridian.${SIGNED}`,
    },
    studentItemExpiring: {
      subject: "Checklist: {{student}}'s {{item}} expires soon",
      text: `Dear {{name}},\n\nThe {{item}} of {{student}} expires in {{days}} days, on {{date}}.\nThe student has been told to renew it and upload the new proof.${SIGNED}`,
    },
    studentItemExpired: {
      subject: "Checklist: {{student}}'s {{item}} has expired",
      text: `Dear {{name}},\n\nThe {{item}} of {{student}} expired on {{date}}.\nThe student has been told to renew it and upload the new proof.${SIGNED}`,
    },
    arrivalConfirmed: {
      subject: 'Arrival confirmed: {{student}}',
      text: `Dear {{name}},\n\n{{confirmedBy}} has confirmed that {{student}} arrived on {{date}}. The mobility is under way.${SIGNED}`,
    },
    transcriptReceived: {
      subject: 'Your transcript of records is in',
      text: `Dear {{name}},\n\nThe host has sent your transcript of records. The credits can now be recognised.\n\nHow was it? The completion survey on your mobility's page takes five minutes; once the office has read it, your review helps the students who go next.${SIGNED}`,
    },
    officerTranscriptReceived: {
      subject: 'Transcript of records received: {{student}}',
      text: `Dear {{name}},\n\nThe host has sent the transcript of records of {{student}}. The credits can now be recognised.${SIGNED}`,
    },
    creditsRecognised: {
      subject: 'Your credits from the mobility are recognised',
      text: `Dear {{name}},\n\nThe credits of your mobility are recognised at home. The details are in Meridian.${SIGNED}`,
    },
    certificateReady: {
      subject: 'Your certificate of attendance',
      text: `Dear {{name}},\n\nThank you for your stay with us. Your certificate of attendance is ready on your mobility page, and the completion survey is open there too.${SIGNED}`,
    },
    visitEnded: {
      subject: 'Visit ended: {{visitor}}',
      text: `Dear {{name}},\n\n{{recordedBy}} has recorded that the visit of {{visitor}} ended on {{date}}, with the host's certificate. The completion survey is open on the mobility's page.${SIGNED}`,
    },
    programmeToApprove: {
      subject: 'Visit programme to approve: {{visitor}}',
      text: `Dear {{name}},\n\nThe visit programme of {{visitor}} is waiting for your approval.${SIGNED}`,
    },
    programmeApproved: {
      subject: 'Your visit programme is approved',
      text: `Dear {{name}},\n\nYour programme at {{department}} from {{from}} to {{to}} is approved. Complete the checklist before you travel.${SIGNED}`,
    },
    surveyToModerate: {
      subject: 'Survey to moderate: {{student}}',
      text: `Dear {{name}},\n\n{{student}} has answered the completion survey. Their review appears in the catalog once you publish it.${SIGNED}`,
    },
    reviewPublished: {
      subject: 'Your review is in the catalog',
      text: `Dear {{name}},\n\nThank you: the office has published your review on the opportunity in the catalog, where the students who go next will read it.${SIGNED}`,
    },
    reviewRejected: {
      subject: 'Your review needs another look',
      text: `Dear {{name}},\n\nThe office has not published your review: {{reason}}\nYou may rewrite it on your mobility's page.${SIGNED}`,
    },
    dailyDigest: {
      subject: 'Meridian: tasks waiting for you ({{count}})',
      text: 'Dear {{name}},\n\nWaiting for you in Meridian ({{count}}):\n\n{{tasks}}\n\nYou can turn this daily e-mail off on your account page.\n{{link}}\n\nMeridian',
    },
  },
  items: {
    insurance: 'health and liability insurance',
    immunisations: 'immunisations',
    bls: 'BLS certificate',
    acls: 'ACLS certificate',
    background_check: 'background check',
    visa: 'visa',
    language_certificate: 'language certificate',
    emergency_contact: 'emergency contact',
    travel: 'travel dates',
  },
  tasks: {
    toNominate: 'Accepted places to nominate to the host',
    checklistToVerify: 'Checklists before departure with items to verify',
    checklistExpiring: 'Mobilities with an insurance, certificate or visa lapsing soon',
    agreementsToSign: 'Learning agreements waiting for the sending signature',
    toRecognise: 'Transcripts of records received, credits to recognise',
    surveysToModerate: 'Completion surveys to read before publishing',
    deletionRequests: 'Documents a person asked to delete',
  },
  more: 'and {{count}} more',
  roles: {
    admin: 'administrator',
    officer: 'international officer',
    coordinator: 'faculty coordinator',
    reviewer: 'reviewer',
    student: 'student',
    staff: 'staff member',
    partner: 'partner coordinator',
  },
}
