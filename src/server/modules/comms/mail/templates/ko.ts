import type { MailLanguagePack } from './pack.js'

const SIGNED = '\n\n{{link}}\n\nMeridian'

export const ko: MailLanguagePack = {
  templates: {
    passwordReset: {
      subject: 'Meridian 비밀번호 재설정',
      text: '{{name}}님, 안녕하세요.\n\n누군가 Meridian 계정의 비밀번호 재설정을 요청했습니다. 본인이 요청하셨다면 {{minutes}}분 안에 아래 링크를 열어 새 비밀번호를 정하십시오.\n\n{{link}}\n\n본인이 아니라면 이 메시지를 무시하셔도 됩니다. 비밀번호는 바뀌지 않습니다.',
    },
    invitation: {
      subject: '{{institution}} Meridian 초대',
      text: '{{name}}님, 안녕하세요.\n\n{{inviter}}님이 {{institution}} 국제교류처 시스템인 Meridian에 {{role}}(으)로 초대합니다.\n{{days}}일 안에 아래 링크를 열어 비밀번호를 정하십시오.\n\n{{link}}',
    },
    agreementEnding: {
      subject: '{{reference}} 협정이 {{days}}일 후 종료됩니다 ({{endDate}})',
      text: '{{name}}님께\n\n협정 "{{title}}"({{reference}})이 {{endDate}}, {{days}}일 후에 종료됩니다.\n어떤 교류도 협정 없이 남지 않도록 갱신하거나 파트너에게 종료를 알려 주십시오.\n\n{{link}}\n\nMeridian — 이 협정의 담당자이기에 보내 드립니다.',
    },
    callOpened: {
      subject: '지원 접수 시작: {{call}}',
      text: '{{name}}님께\n\n지원이 가능해지면 알려 달라고 요청하셨습니다. 모집 "{{call}}"({{year}})이 {{closes}}까지 열려 있으며, 다음을 제공합니다.\n{{opportunities}}\n\n{{link}}\n\nMeridian — 카탈로그 페이지에서 요청하셔서 한 번만 보내 드립니다.',
    },
    applicationSubmitted: {
      subject: '지원서가 제출되었습니다: {{call}}',
      text: `{{name}}님께\n\n"{{call}}"에 대한 지원서를 받았습니다. 자리가 배정되기 전까지 철회할 수 있으며, 결과가 발표되면 알려 드리겠습니다.${SIGNED}`,
    },
    applicationWithdrawn: {
      subject: '지원서가 철회되었습니다: {{call}}',
      text: `{{name}}님께\n\n"{{call}}"에 대한 지원서가 철회되었습니다. 의도하지 않으셨다면 국제교류처에 연락하십시오.${SIGNED}`,
    },
    reviewerAssigned: {
      subject: '심사를 요청드립니다: {{call}}',
      text: `{{name}}님께\n\n국제교류처가 귀하를 "{{call}}"({{year}}) 모집의 심사위원으로 지정했습니다. 제출된 지원서가 모집 기준에 따른 점수를 기다리고 있습니다. 공정하게 평가하기 어려울 만큼 잘 아는 지원자가 있으면 이해 상충을 신고해 주십시오. 해당 지원서는 목록에서 빠집니다.${SIGNED}`,
    },
    documentDeleted: {
      subject: '서류가 삭제되었습니다: {{file}}',
      text: `{{name}}님께\n\n국제교류처가 "{{call}}" 지원서에서 귀하의 서류 "{{file}}"을(를) 삭제했습니다. 이제 누구도 이 서류를 열람할 수 없습니다. 요청하지 않으셨다면 국제교류처에 연락하십시오.${SIGNED}`,
    },
    documentKept: {
      subject: '서류를 당분간 보관합니다: {{file}}',
      text: `{{name}}님께\n\n서류 "{{file}}"의 삭제를 요청하셨습니다. 국제교류처는 다음 이유로 당분간 이 서류를 보관합니다.\n  {{reason}}\n\n이 서류는 계속 귀하의 교류 담당자만 열람하며, 신분 및 건강 서류는 교류가 끝난 뒤 보존 기간이 지나면 삭제됩니다. 이유가 더 이상 해당하지 않으면 다시 요청하실 수 있습니다.${SIGNED}`,
    },
    placeOffered: {
      subject: '지원 결과: {{call}}',
      text: `{{name}}님께\n\n다음 자리가 제안되었습니다.\n  {{opportunity}}\n\n{{deadline}}까지 수락 또는 거절해 주십시오. 그때까지 답하지 않은 제안은 소멸됩니다.\n\n결과와 그 이유:${SIGNED}`,
    },
    placeFreed: {
      subject: '배정된 자리가 바뀌었습니다: {{call}}',
      text: `{{name}}님께\n\n자리가 비어 이제 다음이 제안되었습니다.\n  {{opportunity}}\n\n{{deadline}}까지 수락 또는 거절해 주십시오. 그때까지 답하지 않은 제안은 소멸됩니다.\n\n결과와 그 이유:${SIGNED}`,
    },
    waitingList: {
      subject: '지원 결과: {{call}}',
      text: `{{name}}님께\n\n아직 배정된 자리가 없습니다. 대기자 명단에 있으며, 자리가 나면 알려 드리겠습니다.\n\n결과와 그 이유:${SIGNED}`,
    },
    offerAccepted: {
      subject: '자리를 수락했습니다: {{opportunity}}',
      text: `{{name}}님께\n\n{{opportunity}} 자리를 수락하셨습니다. 이제 국제교류처가 파견 기관에 추천하며, 추천되면 알려 드리겠습니다.${SIGNED}`,
    },
    offerDeclined: {
      subject: '자리를 거절했습니다: {{opportunity}}',
      text: `{{name}}님께\n\n{{opportunity}} 자리를 거절하셨습니다. 자리는 다음 순번의 학생에게 넘어갑니다.${SIGNED}`,
    },
    nominationToHost: {
      subject: '추천: {{student}} — {{opportunity}}',
      text: '{{name}}님께\n\n{{student}} <{{studentEmail}}>을(를) {{host}}의 {{opportunity}}({{year}})에 추천합니다.\n추천서를 첨부합니다. 학생의 서류는 Meridian에 있으며, 그곳에서 추천을 수락하거나 거절할 수 있습니다.\n{{link}}\n\n아직 계정이 없으시면 이 메시지에 회신해 주십시오. 초대해 드리겠습니다.\n\nMeridian',
    },
    nominated: {
      subject: '{{host}}에 추천되었습니다',
      text: `{{name}}님께\n\n{{host}}의 {{opportunity}}({{year}})에 추천했습니다.\n이제 파견 기관이 수락 여부를 확인하며, 확인되면 알려 드리겠습니다.${SIGNED}`,
    },
    hostAccepted: {
      subject: '{{host}}이(가) 수락했습니다',
      text: `{{name}}님께\n\n{{host}}이(가) {{opportunity}}({{year}})에 수락했습니다. 수락서는 지원서와 함께 표시됩니다.${SIGNED}`,
    },
    hostRejected: {
      subject: '{{host}}이(가) 추천을 수락하지 않았습니다',
      text: `{{name}}님께\n\n{{host}}이(가) {{opportunity}} 추천을 수락하지 않았습니다: {{reason}}\n다음 단계는 국제교류처가 연락드리겠습니다.${SIGNED}`,
    },
    partnerNominated: {
      subject: '{{opportunity}}에 추천되었습니다',
      text: `{{name}}님께\n\n소속 대학의 {{partner}}님이 저희 모집 "{{call}}"의 {{opportunity}}에 추천했습니다. 이 과정이 선택된 지원서 초안이 준비되어 있습니다. 프로필을 채우고 모집에서 요구하는 서류를 올린 뒤 마감 전에 제출하십시오.${SIGNED}`,
    },
    partnerNominatedInvite: {
      subject: '{{opportunity}}에 추천되었습니다: 계정을 만드십시오',
      text: `{{name}}님께\n\n소속 대학의 {{partner}}님이 저희 모집 "{{call}}"의 {{opportunity}}에 추천했습니다. {{days}}일 안에 아래 링크를 열어 Meridian 계정을 만드십시오. 지원서 초안이 그곳에서 기다리고 있으니 마감 전에 완성해 제출하십시오.\n\n{{link}}\n\nMeridian`,
    },
    admitted: {
      subject: '입학이 허가되었습니다: 수락서',
      text: `{{name}}님께\n\n{{opportunity}}({{year}})에 모시게 되어 기쁩니다. 수락서는 교류 페이지에 준비되어 있습니다. 비자가 필요하시면 그곳에 여권 정보를 입력하고 비자 초청장을 내려받은 뒤, 도착 전에 체크리스트를 완료하십시오.${SIGNED}`,
    },
    laToSign: {
      subject: '서명할 학습 협약서: {{student}}, 버전 {{version}}',
      text: `{{name}}님께\n\n{{student}}님이 학습 협약서 버전 {{version}}에 서명하고 서명을 요청합니다.${SIGNED}`,
    },
    laApproved: {
      subject: '학습 협약서가 승인되었습니다 (버전 {{version}})',
      text: `{{name}}님께\n\n학습 협약서 버전 {{version}}에 세 서명이 모두 있어 승인되었습니다.${SIGNED}`,
    },
    laRejected: {
      subject: '학습 협약서 수정이 필요합니다 (버전 {{version}})',
      text: `{{name}}님께\n\n{{by}}님이 학습 협약서 버전 {{version}}을(를) 반려했습니다: {{comment}}\n이를 바탕으로 새 버전을 만들어 요청된 내용을 고친 뒤 다시 서명하십시오.${SIGNED}`,
    },
    checklistToVerify: {
      subject: '확인할 체크리스트: {{student}}',
      text: `{{name}}님께\n\n{{student}}님이 출국 전 체크리스트의 모든 항목을 제출했습니다. 일부 항목이 확인을 기다립니다.${SIGNED}`,
    },
    itemVerified: {
      subject: '체크리스트: {{item}} 확인 완료',
      text: `{{name}}님께\n\n국제교류처가 {{item}}을(를) 확인했습니다.${SIGNED}`,
    },
    checklistComplete: {
      subject: '출국 전 체크리스트가 완료되었습니다',
      text: `{{name}}님께\n\n국제교류처가 체크리스트의 모든 항목을 확인했습니다. 마지막 항목은 {{item}}입니다. 교류에 필요한 것이 모두 갖춰졌습니다.${SIGNED}`,
    },
    itemRejected: {
      subject: '체크리스트: {{item}}을(를) 다시 확인해 주십시오',
      text: `{{name}}님께\n\n국제교류처가 {{item}}을(를) 받아들일 수 없었습니다.\n\n{{reason}}\n\n고쳐서 다시 제출해 주십시오.${SIGNED}`,
    },
    itemExpiring: {
      subject: '체크리스트: {{item}} 곧 만료',
      text: `{{name}}님께\n\n{{item}}이(가) {{days}}일 후인 {{date}}에 만료됩니다.\n갱신하고 새 증빙을 Meridian에 올려 주십시오.${SIGNED}`,
    },
    itemExpired: {
      subject: '체크리스트: {{item}} 만료됨',
      text: `{{name}}님께\n\n{{item}}이(가) {{date}}에 만료되었습니다.\n갱신하고 새 증빙을 Meridian에 올려 주십시오.${SIGNED}`,
    },
    studentItemExpiring: {
      subject: '체크리스트: {{student}}님의 {{item}} 곧 만료',
      text: `{{name}}님께\n\n{{student}}님의 {{item}}이(가) {{days}}일 후인 {{date}}에 만료됩니다.\n학생에게 갱신하고 새 증빙을 올리라고 알렸습니다.${SIGNED}`,
    },
    studentItemExpired: {
      subject: '체크리스트: {{student}}님의 {{item}} 만료됨',
      text: `{{name}}님께\n\n{{student}}님의 {{item}}이(가) {{date}}에 만료되었습니다.\n학생에게 갱신하고 새 증빙을 올리라고 알렸습니다.${SIGNED}`,
    },
    arrivalConfirmed: {
      subject: '도착 확인: {{student}}',
      text: `{{name}}님께\n\n{{confirmedBy}}님이 {{student}}님의 {{date}} 도착을 확인했습니다. 교류가 시작되었습니다.${SIGNED}`,
    },
    transcriptReceived: {
      subject: '성적증명서가 도착했습니다',
      text: `{{name}}님께\n\n파견 기관이 성적증명서(Transcript of Records)를 보냈습니다. 이제 학점을 인정받을 수 있습니다.\n\n어떠셨나요? 교류 페이지의 종료 설문은 5분이면 됩니다. 국제교류처가 읽은 뒤, 후기는 다음 학생들에게 도움이 됩니다.${SIGNED}`,
    },
    officerTranscriptReceived: {
      subject: '성적증명서 수령: {{student}}',
      text: `{{name}}님께\n\n파견 기관이 {{student}}님의 성적증명서를 보냈습니다. 이제 학점을 인정할 수 있습니다.${SIGNED}`,
    },
    creditsRecognised: {
      subject: '교류 학점이 인정되었습니다',
      text: `{{name}}님께\n\n교류에서 취득한 학점이 소속 대학에서 인정되었습니다. 자세한 내용은 Meridian에 있습니다.${SIGNED}`,
    },
    certificateReady: {
      subject: '수료 증명서',
      text: `{{name}}님께\n\n함께해 주셔서 감사합니다. 수료 증명서가 교류 페이지에 준비되어 있으며, 종료 설문도 그곳에서 열려 있습니다.${SIGNED}`,
    },
    visitEnded: {
      subject: '방문 종료: {{visitor}}',
      text: `{{name}}님께\n\n{{recordedBy}}님이 {{visitor}}님의 방문이 {{date}}에 끝났음을 파견 기관의 증명서와 함께 기록했습니다. 교류 페이지에서 종료 설문이 열려 있습니다.${SIGNED}`,
    },
    programmeToApprove: {
      subject: '승인할 방문 일정: {{visitor}}',
      text: `{{name}}님께\n\n{{visitor}}님의 방문 일정이 승인을 기다립니다.${SIGNED}`,
    },
    programmeApproved: {
      subject: '방문 일정이 승인되었습니다',
      text: `{{name}}님께\n\n{{department}}에서 {{from}}부터 {{to}}까지의 일정이 승인되었습니다. 출발 전에 체크리스트를 완료하십시오.${SIGNED}`,
    },
    surveyToModerate: {
      subject: '검토할 설문: {{student}}',
      text: `{{name}}님께\n\n{{student}}님이 종료 설문에 답했습니다. 게시하면 후기가 카탈로그에 표시됩니다.${SIGNED}`,
    },
    reviewPublished: {
      subject: '후기가 카탈로그에 게시되었습니다',
      text: `{{name}}님께\n\n감사합니다. 국제교류처가 후기를 카탈로그에 게시했으며, 다음 학생들이 읽게 됩니다.${SIGNED}`,
    },
    reviewRejected: {
      subject: '후기를 다시 확인해 주십시오',
      text: `{{name}}님께\n\n국제교류처가 후기를 게시하지 않았습니다: {{reason}}\n교류 페이지에서 다시 쓸 수 있습니다.${SIGNED}`,
    },
    dailyDigest: {
      subject: 'Meridian: 기다리는 업무 ({{count}})',
      text: '{{name}}님께\n\nMeridian에서 기다리는 업무 ({{count}}):\n\n{{tasks}}\n\n이 일일 메일은 계정 페이지에서 끌 수 있습니다.\n{{link}}\n\nMeridian',
    },
  },
  items: {
    insurance: '건강 및 배상책임 보험',
    immunisations: '예방접종',
    bls: 'BLS 자격증',
    acls: 'ACLS 자격증',
    background_check: '범죄경력 조회',
    visa: '비자',
    language_certificate: '어학 증명서',
    emergency_contact: '비상 연락처',
    travel: '여행 일정',
  },
  tasks: {
    toNominate: '파견 기관에 추천할 수락된 자리',
    checklistToVerify: '확인할 항목이 있는 출국 전 체크리스트',
    checklistExpiring: '보험, 자격증 또는 비자가 곧 만료되는 교류',
    agreementsToSign: '파견 측 서명을 기다리는 학습 협약서',
    toRecognise: '성적증명서 수령, 학점 인정 대기',
    surveysToModerate: '게시 전에 읽을 종료 설문',
    deletionRequests: '삭제를 요청받은 서류',
  },
  more: '외 {{count}}건',
  roles: {
    admin: '관리자',
    officer: '국제교류처 담당자',
    coordinator: '학부 코디네이터',
    reviewer: '심사위원',
    student: '학생',
    staff: '교직원',
    partner: '파트너 코디네이터',
  },
}
