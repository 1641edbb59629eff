import type { MailLanguagePack } from './pack.js'

const SIGNED = '\n\n{{link}}\n\nMeridian'

export const pt: MailLanguagePack = {
  templates: {
    passwordReset: {
      subject: 'Redefina a sua palavra-passe do Meridian',
      text: 'Olá {{name}},\n\nAlguém pediu para redefinir a palavra-passe da sua conta Meridian. Se foi você, abra esta ligação nos próximos {{minutes}} minutos para escolher uma nova palavra-passe:\n\n{{link}}\n\nSe não foi você, ignore esta mensagem: a sua palavra-passe mantém-se.',
    },
    invitation: {
      subject: 'Convite para o Meridian em {{institution}}',
      text: 'Olá {{name}},\n\n{{inviter}} convida-o para o Meridian, o sistema do gabinete internacional de {{institution}}, como {{role}}.\nAbra esta ligação nos próximos {{days}} dias para escolher a sua palavra-passe:\n\n{{link}}',
    },
    agreementEnding: {
      subject: '{{reference}} termina dentro de {{days}} dias ({{endDate}})',
      text: 'Caro(a) {{name}},\n\nO acordo "{{title}}" ({{reference}}) termina a {{endDate}}, dentro de {{days}} dias.\nRenove-o, ou informe o parceiro de que vai terminar, para que nenhuma mobilidade fique sem cobertura.\n\n{{link}}\n\nMeridian — enviado porque é responsável por este acordo.',
    },
    callOpened: {
      subject: 'Candidaturas abertas: {{call}}',
      text: 'Caro(a) {{name}},\n\nPediu para ser avisado(a) quando pudesse candidatar-se. O concurso "{{call}}" ({{year}}) está aberto até {{closes}} e oferece:\n{{opportunities}}\n\n{{link}}\n\nMeridian — enviado uma vez, porque o pediu na página do catálogo.',
    },
    applicationSubmitted: {
      subject: 'A sua candidatura foi submetida: {{call}}',
      text: `Caro(a) {{name}},\n\nRecebemos a sua candidatura a "{{call}}". Pode retirá-la até as vagas serem atribuídas; escreveremos quando o resultado for publicado.${SIGNED}`,
    },
    applicationWithdrawn: {
      subject: 'A sua candidatura foi retirada: {{call}}',
      text: `Caro(a) {{name}},\n\nA sua candidatura a "{{call}}" foi retirada. Se não era essa a sua intenção, contacte o gabinete internacional.${SIGNED}`,
    },
    reviewerAssigned: {
      subject: 'Pedimos a sua avaliação: {{call}}',
      text: `Caro(a) {{name}},\n\nO gabinete internacional nomeou-o avaliador do concurso "{{call}}" ({{year}}). As candidaturas submetidas aguardam as suas notas nos critérios do concurso; se conhece um candidato demasiado bem para o avaliar com isenção, declare um conflito e a candidatura sai da sua lista.${SIGNED}`,
    },
    documentDeleted: {
      subject: 'O seu documento foi eliminado: {{file}}',
      text: `Caro(a) {{name}},\n\nO gabinete internacional eliminou o seu documento "{{file}}" da sua candidatura a "{{call}}". Ninguém o pode voltar a ler. Se não pediu esta eliminação, contacte o gabinete internacional.${SIGNED}`,
    },
    documentKept: {
      subject: 'O seu documento fica guardado por agora: {{file}}',
      text: `Caro(a) {{name}},\n\nPediu-nos que eliminássemos o documento "{{file}}". O gabinete internacional guarda-o por agora, porque:\n  {{reason}}\n\nContinua a ser lido apenas pelos responsáveis pela sua mobilidade, e os documentos de identidade e de saúde são eliminados no fim do prazo de conservação após a mobilidade. Pode voltar a pedir quando o motivo deixar de existir.${SIGNED}`,
    },
    placeOffered: {
      subject: 'Resultado da sua candidatura: {{call}}',
      text: `Caro(a) {{name}},\n\nFoi-lhe oferecida uma vaga em:\n  {{opportunity}}\n\nAceite-a ou recuse-a até {{deadline}}; uma oferta sem resposta até lá caduca.\n\nO que obteve e porquê:${SIGNED}`,
    },
    placeFreed: {
      subject: 'A sua vaga mudou: {{call}}',
      text: `Caro(a) {{name}},\n\nFicou uma vaga livre, e agora é-lhe oferecido:\n  {{opportunity}}\n\nAceite-a ou recuse-a até {{deadline}}; uma oferta sem resposta até lá caduca.\n\nO que obteve e porquê:${SIGNED}`,
    },
    waitingList: {
      subject: 'Resultado da sua candidatura: {{call}}',
      text: `Caro(a) {{name}},\n\nAinda não há vaga para si. Está na lista de espera, e escreveremos se uma vaga ficar livre.\n\nO que obteve e porquê:${SIGNED}`,
    },
    offerAccepted: {
      subject: 'Aceitou a sua vaga: {{opportunity}}',
      text: `Caro(a) {{name}},\n\nAceitou a sua vaga em {{opportunity}}. O gabinete internacional vai agora nomeá-lo(a) junto da instituição de acolhimento; escreveremos quando o fizer.${SIGNED}`,
    },
    offerDeclined: {
      subject: 'Recusou a sua vaga: {{opportunity}}',
      text: `Caro(a) {{name}},\n\nRecusou a sua vaga em {{opportunity}}; ela passa ao estudante seguinte.${SIGNED}`,
    },
    nominationToHost: {
      subject: 'Nomeação: {{student}} para {{opportunity}}',
      text: 'Caro(a) {{name}},\n\nNomeamos {{student}} <{{studentEmail}}> para {{opportunity}} ({{year}}) em {{host}}.\nA carta de nomeação segue em anexo. Os documentos do estudante estão no Meridian, onde pode aceitar ou rejeitar a nomeação:\n{{link}}\n\nSe ainda não tem conta, responda a esta mensagem e enviaremos um convite.\n\nMeridian',
    },
    nominated: {
      subject: 'Foi nomeado(a) para {{host}}',
      text: `Caro(a) {{name}},\n\nNomeámo-lo(a) para {{host}}, em {{opportunity}} ({{year}}).\nA instituição de acolhimento vai agora confirmar a sua aceitação; escreveremos quando o fizer.${SIGNED}`,
    },
    hostAccepted: {
      subject: '{{host}} aceitou-o(a)',
      text: `Caro(a) {{name}},\n\n{{host}} aceitou-o(a) em {{opportunity}} ({{year}}). A carta de aceitação aparecerá com a sua candidatura.${SIGNED}`,
    },
    hostRejected: {
      subject: '{{host}} não aceitou a sua nomeação',
      text: `Caro(a) {{name}},\n\n{{host}} não aceitou a sua nomeação para {{opportunity}}: {{reason}}\nO gabinete internacional vai contactá-lo(a) sobre o que se segue.${SIGNED}`,
    },
    partnerNominated: {
      subject: 'Foi nomeado(a) para {{opportunity}}',
      text: `Caro(a) {{name}},\n\n{{partner}}, da sua instituição de origem, nomeou-o(a) para {{opportunity}} no nosso concurso "{{call}}". A sua candidatura está pronta como rascunho com esta opção escolhida: complete o seu perfil, carregue os documentos pedidos pelo concurso e submeta-a antes de o concurso fechar.${SIGNED}`,
    },
    partnerNominatedInvite: {
      subject: 'Foi nomeado(a) para {{opportunity}}: crie a sua conta',
      text: `Caro(a) {{name}},\n\n{{partner}}, da sua instituição de origem, nomeou-o(a) para {{opportunity}} no nosso concurso "{{call}}". Abra esta ligação nos próximos {{days}} dias para criar a sua conta Meridian; a sua candidatura espera lá como rascunho, para completar e submeter antes de o concurso fechar:\n\n{{link}}\n\nMeridian`,
    },
    admitted: {
      subject: 'Foi admitido(a): a sua carta de aceitação',
      text: `Caro(a) {{name}},\n\nTemos o prazer de o(a) receber em {{opportunity}} ({{year}}). A sua carta de aceitação está pronta na página da sua mobilidade. Se precisar de visto, indique lá os dados do passaporte e descarregue a carta-convite para o visto; depois complete a lista de verificação antes da chegada.${SIGNED}`,
    },
    laToSign: {
      subject: 'Acordo de aprendizagem para assinar: {{student}}, versão {{version}}',
      text: `Caro(a) {{name}},\n\n{{student}} assinou a versão {{version}} do seu acordo de aprendizagem e pede a sua assinatura:${SIGNED}`,
    },
    laApproved: {
      subject: 'O seu acordo de aprendizagem foi aprovado (versão {{version}})',
      text: `Caro(a) {{name}},\n\nA versão {{version}} do seu acordo de aprendizagem tem as três assinaturas: está aprovada.${SIGNED}`,
    },
    laRejected: {
      subject: 'O seu acordo de aprendizagem precisa de alterações (versão {{version}})',
      text: `Caro(a) {{name}},\n\n{{by}} rejeitou a versão {{version}} do seu acordo de aprendizagem: {{comment}}\nComece uma nova versão a partir dela, altere o que é pedido e assine-a de novo.${SIGNED}`,
    },
    checklistToVerify: {
      subject: 'Lista de verificação para verificar: {{student}}',
      text: `Caro(a) {{name}},\n\n{{student}} submeteu todos os itens da lista de verificação antes da partida. Alguns aguardam a sua verificação.${SIGNED}`,
    },
    itemVerified: {
      subject: 'Lista de verificação: {{item}} verificado',
      text: `Caro(a) {{name}},\n\nO gabinete internacional verificou o item: {{item}}.${SIGNED}`,
    },
    checklistComplete: {
      subject: 'A sua lista de verificação antes da partida está completa',
      text: `Caro(a) {{name}},\n\nO gabinete internacional verificou todos os itens da sua lista, por último: {{item}}. Nada falta para a sua mobilidade.${SIGNED}`,
    },
    itemRejected: {
      subject: 'Lista de verificação: {{item}} precisa de correção',
      text: `Caro(a) {{name}},\n\nO gabinete internacional não pôde aceitar o item {{item}}:\n\n{{reason}}\n\nCorrija-o e submeta-o de novo.${SIGNED}`,
    },
    itemExpiring: {
      subject: 'Lista de verificação: {{item}} expira em breve',
      text: `Caro(a) {{name}},\n\nO item {{item}} expira dentro de {{days}} dias, a {{date}}.\nRenove-o e carregue a nova prova no Meridian.${SIGNED}`,
    },
    itemExpired: {
      subject: 'Lista de verificação: {{item}} expirou',
      text: `Caro(a) {{name}},\n\nO item {{item}} expirou a {{date}}.\nRenove-o e carregue a nova prova no Meridian.${SIGNED}`,
    },
    studentItemExpiring: {
      subject: 'Lista de verificação: {{item}} de {{student}} expira em breve',
      text: `Caro(a) {{name}},\n\nO item {{item}} de {{student}} expira dentro de {{days}} dias, a {{date}}.\nO estudante foi avisado para o renovar e carregar a nova prova.${SIGNED}`,
    },
    studentItemExpired: {
      subject: 'Lista de verificação: {{item}} de {{student}} expirou',
      text: `Caro(a) {{name}},\n\nO item {{item}} de {{student}} expirou a {{date}}.\nO estudante foi avisado para o renovar e carregar a nova prova.${SIGNED}`,
    },
    arrivalConfirmed: {
      subject: 'Chegada confirmada: {{student}}',
      text: `Caro(a) {{name}},\n\n{{confirmedBy}} confirmou que {{student}} chegou a {{date}}. A mobilidade está em curso.${SIGNED}`,
    },
    transcriptReceived: {
      subject: 'O seu boletim de registo académico chegou',
      text: `Caro(a) {{name}},\n\nA instituição de acolhimento enviou o seu boletim de registo académico (Transcript of Records). Os créditos podem agora ser reconhecidos.\n\nComo correu? O inquérito final na página da sua mobilidade leva cinco minutos; depois de lido pelo gabinete, a sua opinião ajuda os estudantes seguintes.${SIGNED}`,
    },
    officerTranscriptReceived: {
      subject: 'Boletim de registo académico recebido: {{student}}',
      text: `Caro(a) {{name}},\n\nA instituição de acolhimento enviou o boletim de registo académico de {{student}}. Os créditos podem agora ser reconhecidos.${SIGNED}`,
    },
    creditsRecognised: {
      subject: 'Os créditos da sua mobilidade foram reconhecidos',
      text: `Caro(a) {{name}},\n\nOs créditos da sua mobilidade foram reconhecidos na instituição de origem. Os pormenores estão no Meridian.${SIGNED}`,
    },
    certificateReady: {
      subject: 'O seu certificado de frequência',
      text: `Caro(a) {{name}},\n\nObrigado pela sua estadia connosco. O seu certificado de frequência está pronto na página da sua mobilidade, onde também está aberto o inquérito final.${SIGNED}`,
    },
    visitEnded: {
      subject: 'Visita terminada: {{visitor}}',
      text: `Caro(a) {{name}},\n\n{{recordedBy}} registou que a visita de {{visitor}} terminou a {{date}}, com o certificado da instituição de acolhimento. O inquérito final está aberto na página da mobilidade.${SIGNED}`,
    },
    programmeToApprove: {
      subject: 'Programa de visita para aprovar: {{visitor}}',
      text: `Caro(a) {{name}},\n\nO programa de visita de {{visitor}} aguarda a sua aprovação.${SIGNED}`,
    },
    programmeApproved: {
      subject: 'O seu programa de visita foi aprovado',
      text: `Caro(a) {{name}},\n\nO seu programa em {{department}}, de {{from}} a {{to}}, foi aprovado. Complete a lista de verificação antes de viajar.${SIGNED}`,
    },
    surveyToModerate: {
      subject: 'Inquérito para moderar: {{student}}',
      text: `Caro(a) {{name}},\n\n{{student}} respondeu ao inquérito final. A opinião aparece no catálogo quando a publicar.${SIGNED}`,
    },
    reviewPublished: {
      subject: 'A sua opinião está no catálogo',
      text: `Caro(a) {{name}},\n\nObrigado: o gabinete publicou a sua opinião no catálogo, onde a lerão os estudantes seguintes.${SIGNED}`,
    },
    reviewRejected: {
      subject: 'A sua opinião precisa de revisão',
      text: `Caro(a) {{name}},\n\nO gabinete não publicou a sua opinião: {{reason}}\nPode reescrevê-la na página da sua mobilidade.${SIGNED}`,
    },
    dailyDigest: {
      subject: 'Meridian: tarefas à sua espera ({{count}})',
      text: 'Caro(a) {{name}},\n\nÀ sua espera no Meridian ({{count}}):\n\n{{tasks}}\n\nPode desligar este e-mail diário na página da sua conta.\n{{link}}\n\nMeridian',
    },
  },
  items: {
    insurance: 'seguro de saúde e de responsabilidade civil',
    immunisations: 'vacinas',
    bls: 'certificado BLS',
    acls: 'certificado ACLS',
    background_check: 'registo criminal',
    visa: 'visto',
    language_certificate: 'certificado de língua',
    emergency_contact: 'contacto de emergência',
    travel: 'datas da viagem',
  },
  tasks: {
    toNominate: 'Vagas aceites a nomear junto do acolhimento',
    checklistToVerify: 'Listas de verificação com itens a verificar',
    checklistExpiring: 'Mobilidades com seguro, certificado ou visto a caducar',
    agreementsToSign: 'Acordos de aprendizagem à espera da assinatura de envio',
    toRecognise: 'Boletins de registo recebidos, créditos a reconhecer',
    surveysToModerate: 'Inquéritos finais a ler antes de publicar',
    deletionRequests: 'Documentos cuja eliminação foi pedida',
  },
  more: 'e mais {{count}}',
  roles: {
    admin: 'administrador',
    officer: 'técnico do gabinete internacional',
    coordinator: 'coordenador de faculdade',
    reviewer: 'avaliador',
    student: 'estudante',
    staff: 'funcionário',
    partner: 'coordenador parceiro',
  },
}
