/** @module The demo cases' categories: their share, request texts and the intake-form data each one fills. */
import { pick, type Rng } from './random.ts';

/**
 * Texts per category; `{road}`, `{estate}`, `{community}`, `{merchant}`, `{employer}` are filled in.
 * `data` fills the fields the category's intake form requires; `channels` mirrors the form's
 * `caseCategory.channels`; `enterprise` is the share of enterprise requesters (default 6%); `hours`
 * overrides the handling budget for enquiry-like items routed with the enquiry deadlines.
 */
export const CATEGORIES: readonly {
  code: string;
  weight: number;
  texts: readonly string[];
  data?: (rng: Rng, fill: Record<string, string>) => Record<string, unknown>;
  channels?: readonly string[];
  enterprise?: number;
  /** Working hours a unit takes to handle it, when not the group's (enquiries answered within a day). */
  hours?: number;
}[] = [
  {
    code: 'urban.street-vending',
    weight: 8,
    texts: [
      '{road}与{community}路口每天傍晚有流动摊贩占道经营，行人只能走机动车道，存在安全隐患。',
      '{estate}门口早市摊贩占道摆摊，垃圾满地，希望城管加强管理。',
      '{road}沿街商户出店经营，桌椅摆到人行道上，盲道被占用。',
    ],
  },
  {
    code: 'urban.illegal-construction',
    weight: 5,
    texts: [
      '{estate}顶楼住户私自加盖阳光房，已经施工一周，影响楼体安全。',
      '{community}有住户在公共绿地私搭乱建棚子，请有关部门核查拆除。',
      '{estate}一楼住户扩建院墙占用公共通道，消防车无法通行。',
    ],
  },
  {
    code: 'environment.garbage',
    weight: 10,
    texts: [
      '{estate}小区垃圾三天没有清运，天气热了异味很大，请尽快处理。',
      '{road}路边垃圾桶满溢，周边散落大量垃圾，影响市容。',
      '{community}垃圾分类投放点长期无人值守，垃圾乱扔现象严重。',
    ],
  },
  {
    code: 'environment.noise',
    weight: 9,
    texts: [
      '{road}工地夜间打桩施工噪音很大，严重影响周边居民休息。',
      '{estate}广场舞音响声音过大，每天晚上持续到十点以后。',
      '{community}附近商铺用大功率音箱招揽顾客，噪音扰民。',
    ],
    data: (rng) => ({ period: rng() < 0.55 ? '夜间（22时至次日6时）' : '白天' }),
  },
  {
    code: 'environment.pollution',
    weight: 4,
    texts: [
      '{road}附近河道有污水偷排，河水发黑发臭。',
      '{community}附近有小作坊排放黑烟，气味刺鼻。',
      '{estate}旁边餐馆油烟直排，楼上住户无法开窗。',
    ],
    data: (rng) => ({ pollutionType: pick(rng, ['大气', '水体', '固体废物', '其他']) }),
  },
  {
    code: 'utilities.water-outage',
    weight: 5,
    texts: [
      '{estate}从早上开始停水，没有任何通知，家中老人生活困难。',
      '{estate}高层水压不足，晚上用水高峰期基本没有水。',
      '{community}自来水发黄有异味，担心水质问题。',
    ],
  },
  {
    code: 'utilities.gas',
    weight: 3,
    texts: [
      '{estate}楼道里闻到燃气味，担心漏气，请尽快派人检查。',
      '{estate}燃气表显示异常，费用明显偏高，要求核查。',
    ],
    data: (rng) => ({ smellGas: rng() < 0.4 }),
  },
  {
    code: 'utilities.power-outage',
    weight: 4,
    texts: [
      '{estate}整栋楼突然停电两个多小时，冰箱里的东西都坏了。',
      '{community}电压不稳，家用电器经常跳闸。',
    ],
  },
  {
    code: 'labour.wage-arrears',
    weight: 5,
    texts: [
      '在{employer}务工半年，老板拖欠工资至今未付，多次讨要无果。',
      '{employer}拖欠十余名农民工工资，项目已完工但迟迟不结算。',
    ],
    data: (_rng, fill) => ({ employer: fill.employer }),
  },
  {
    code: 'education.school',
    weight: 6,
    texts: [
      '孩子今年入学，{community}对应学校学位紧张，想咨询入学政策。',
      '{road}附近校外培训机构违规收费，退费困难。',
      '学校门口早晚高峰交通拥堵，希望增派人员疏导。',
    ],
  },
  {
    code: 'health.medical',
    weight: 5,
    texts: [
      '在区医院看病排队时间过长，挂号难，希望改进。',
      '医保异地报销手续繁琐，材料退回多次，请给予指导。',
      '{community}卫生服务站经常缺药，老年人配药不方便。',
    ],
  },
  {
    code: 'traffic.road-damage',
    weight: 7,
    texts: [
      '{road}路面出现大坑洞，夜间骑车容易摔倒，请尽快修补。',
      '{road}人行道井盖缺失，存在严重安全隐患。',
      '{road}路面塌陷，已经有车辆被卡住。',
    ],
    data: (_rng, fill) => ({ road: fill.road }),
  },
  {
    code: 'housing.property-dispute',
    weight: 8,
    texts: [
      '{estate}电梯经常故障停运，物业维修不及时，老人上下楼困难。',
      '{estate}物业费上涨未经业主大会同意，服务质量却下降。',
      '{estate}业委会换届选举程序不规范，请街道指导。',
    ],
    data: (_rng, fill) => ({ estate: fill.estate }),
  },
  {
    code: 'market.consumer-complaint',
    weight: 6,
    texts: [
      '在{merchant}办理的预付卡，商家跑路无法退款。',
      '{merchant}销售假冒商品，要求退货被拒绝。',
      '在{merchant}消费后发现价格与标价不符，多收费用。',
    ],
    data: (_rng, fill) => ({ merchant: fill.merchant }),
  },
  {
    code: 'consult.policy',
    weight: 5,
    texts: [
      '咨询灵活就业人员社保补贴怎么办理，需要哪些材料。',
      '咨询老旧小区加装电梯的补贴政策。',
      '咨询新生儿落户需要办理哪些手续。',
    ],
  },
  {
    code: 'urban.manhole-cover',
    weight: 3,
    texts: [
      '{road}人行道上的井盖缺失，只用树枝围着，夜间行人很容易踩空。',
      '{road}雨水井盖破损下沉，车辆经过时声音很大。',
      '{estate}门口通信井盖松动，每次有车压过都哐当作响。',
    ],
    data: (rng, fill) => ({
      road: fill.road,
      coverState: pick(rng, ['缺失', '破损', '松动/异响', '下沉/凸起']),
    }),
  },
  {
    code: 'urban.street-light',
    weight: 3,
    texts: [
      '{road}一整段路灯晚上都不亮，已经一个多星期了，行人走路看不清。',
      '{road}路灯白天一直亮着，浪费电。',
      '{road}有根灯杆被车撞后倾斜，随时可能倒下。',
    ],
    data: (rng, fill) => ({
      road: fill.road,
      lightState: pick(rng, ['不亮', '白天常亮', '闪烁', '灯杆倾斜/破损']),
      lamps: 1 + Math.floor(rng() * 8),
    }),
  },
  {
    code: 'urban.greening',
    weight: 3,
    texts: [
      '{road}行道树树枝遮挡了红绿灯和路灯，希望尽快修剪。',
      '昨夜大风，{estate}门口一棵大树倒伏在人行道上，压住了电动车。',
      '{community}绿地被人开垦种菜，草坪毁坏严重。',
    ],
    data: (rng) => ({
      treeIssue: pick(rng, ['树木倒伏/断枝', '树枝遮挡/需修剪', '绿地毁坏', '病虫害', '枯死补种']),
    }),
  },
  {
    code: 'urban.public-toilet',
    weight: 2,
    texts: [
      '{road}公厕卫生很差，长期没人打扫，气味难闻。',
      '{community}公园里的公厕晚上七点就锁门，游客如厕困难。',
      '{road}公厕水龙头和冲水设备坏了很久没人修。',
    ],
    data: (rng, fill) => ({
      toiletName: `${fill.road}公厕`,
      toiletIssue: pick(rng, ['卫生脏乱', '设施损坏', '未按时开放', '缺少公厕']),
    }),
  },
  {
    code: 'environment.dog-nuisance',
    weight: 3,
    texts: [
      '{estate}有住户养的狗整夜狂叫，严重影响休息，沟通无效。',
      '{estate}有人遛狗不牵绳，大狗追着孩子跑，还把人咬伤了。',
      '{community}附近流浪狗越来越多，晚上成群结队，居民不敢出门。',
    ],
    data: (rng) => ({ dogIssue: pick(rng, ['犬吠扰民', '遛狗不牵绳', '犬只伤人', '流浪犬', '粪便污染']) }),
  },
  {
    code: 'environment.cooking-fumes',
    weight: 3,
    texts: [
      '{estate}楼下{merchant}油烟直排，没有安装净化设备，家里不能开窗。',
      '{road}夜市露天烧烤摊油烟很大，一直营业到凌晨。',
    ],
    data: (rng, fill) => ({
      shopName: fill.merchant,
      fumeSource: pick(rng, ['餐饮店油烟', '露天烧烤', '居民楼下商铺']),
    }),
  },
  {
    code: 'environment.night-construction',
    weight: 4,
    texts: [
      '{road}旁边工地每天夜里打桩到凌晨两点，严重影响休息，请核查是否有夜间施工许可。',
      '{road}道路施工晚上一直在切割路面，噪音刺耳。',
      '{estate}附近渣土车半夜进出工地，轰鸣声不断。',
    ],
    data: (rng, fill) => ({
      site: `${fill.road}工地`,
      permitShown: pick(rng, ['已公示许可', '未见公示', '不清楚']),
    }),
  },
  {
    code: 'housing.parking',
    weight: 4,
    texts: [
      '{estate}车位严重不足，物业还把车位租给外来车辆，业主没地方停车。',
      '{estate}消防通道被私家车长期占用，物业不管。',
      '{estate}里停了好几辆僵尸车，占用车位一年多了。',
    ],
    data: (rng, fill) => ({
      estate: fill.estate,
      parkingIssue: pick(rng, ['车位不足', '车位收费/租售', '乱停乱放', '占用消防通道', '僵尸车']),
    }),
  },
  {
    code: 'housing.elevator',
    weight: 3,
    texts: [
      '{estate}电梯三天两头停运，物业报修后迟迟没有维修，老人上下楼困难。',
      '{estate}电梯突然停在两层之间，有人被困在里面，维保人员还没到。',
      '{estate}老楼加装电梯已经签了同意书，审批进度很慢。',
    ],
    data: (rng, fill) => ({
      estate: fill.estate,
      building: `${1 + Math.floor(rng() * 12)}号楼`,
      trapped: rng() < 0.2,
    }),
  },
  {
    code: 'housing.leak',
    weight: 3,
    texts: [
      '{estate}楼上卫生间漏水到我家天花板，多次协商楼上住户不愿维修。',
      '{estate}顶楼屋顶漏水，下雨天家里到处接水，申请维修资金很难。',
      '{estate}外墙渗水导致卧室墙面发霉。',
    ],
    data: (rng, fill) => ({
      estate: fill.estate,
      leakSource: pick(rng, ['楼上住户', '屋顶/外墙', '公共管道']),
    }),
  },
  {
    code: 'housing.property-fee',
    weight: 3,
    texts: [
      '{estate}物业费从每平方米1.5元涨到2.2元，没有经过业主大会表决。',
      '{estate}物业以停水停电方式催缴物业费，家中老人生活受影响。',
      '{estate}电梯广告、停车等公共收益从来不公开，要求物业公示账目。',
    ],
    data: (rng, fill) => ({
      estate: fill.estate,
      feeIssue: pick(rng, ['收费标准上调', '收费项目不明', '以停水停电催缴', '公共收益不公开']),
    }),
  },
  {
    code: 'housing.relocation',
    weight: 2,
    texts: [
      '{community}棚改项目征收补偿款至今没有到位，已经拖了半年。',
      '{community}旧改项目安置房延期交付，过渡费也停发了。',
      '{community}征收项目补偿标准与周边项目差距很大，要求公开补偿依据。',
    ],
    data: (rng, fill) => ({
      project: `${fill.community}棚户区改造项目`,
      relocationIssue: pick(rng, ['补偿标准', '补偿款未到位', '安置房交付/回迁']),
    }),
  },
  {
    code: 'labour.social-insurance',
    weight: 4,
    texts: [
      '在{employer}工作两年，公司一直没给缴纳社保，要求补缴。',
      '{employer}按最低基数缴纳社保，与实际工资不符。',
      '咨询灵活就业人员社保断缴后怎么办理补缴，需要哪些材料。',
    ],
    data: (rng, fill) => ({
      employer: fill.employer,
      insuranceIssue: pick(rng, ['单位未缴纳', '缴费基数不符', '补缴/转移接续', '个人缴费咨询']),
    }),
  },
  {
    code: 'health.medical-insurance',
    weight: 4,
    texts: [
      '在外地住院的医保报销材料被退回多次，异地就医备案后仍无法直接结算。',
      '门诊统筹报销比例和医院说的不一样，要求解释。',
      '老人的医保电子凭证无法激活，药店不能刷卡。',
    ],
    data: (rng) => ({
      insuranceType: pick(rng, ['职工医保', '城乡居民医保']),
      claimIssue: pick(rng, ['报销比例/金额', '异地就医备案', '医保卡/电子凭证', '定点机构']),
    }),
  },
  {
    code: 'labour.pension',
    weight: 3,
    texts: [
      '已到退休年龄，退休审批材料交了两个月还没有结果。',
      '本月养老金没有按时发放到账，请核查。',
      '军转干部退休待遇核定有疑问，要求重新核算。',
    ],
    data: (rng) => ({ pensionIssue: pick(rng, ['退休审批', '养老金发放', '待遇核定', '资格认证']) }),
  },
  {
    code: 'civil.minimum-living',
    weight: 2,
    texts: [
      '家中丈夫重病失去劳动能力，想申请低保，请告知办理流程。',
      '{community}低保户反映本月低保金未到账。',
      '外地来务工人员钱包被偷，生活无着，请求临时救助。',
    ],
    data: (rng) => ({
      householdSize: 1 + Math.floor(rng() * 5),
      assistanceIssue: pick(rng, ['申请低保', '低保金发放', '临时救助', '特困供养']),
    }),
  },
  {
    code: 'civil.disability',
    weight: 2,
    texts: [
      '{road}盲道被共享单车和护栏占用，视障人士出行困难。',
      '残疾证到期换证需要重新鉴定，想了解办理地点。',
      '残疾人两项补贴这两个月没有发放。',
    ],
    data: (rng) => ({
      disabilityType: pick(rng, ['视力', '听力', '言语', '肢体', '智力', '精神', '多重']),
      disabilityIssue: pick(rng, ['残疾证办理', '补贴发放', '无障碍设施', '康复/就业']),
    }),
  },
  {
    code: 'civil.elderly-care',
    weight: 3,
    texts: [
      '{community}社区老年餐桌停办了，独居老人吃饭成了难题。',
      '反映某养老院护工照护不到位，老人身上出现压疮。',
      '咨询八十岁以上老人高龄津贴怎么申请。',
    ],
    data: (rng) => ({
      elderAge: 60 + Math.floor(rng() * 35),
      careIssue: pick(rng, ['养老机构服务', '居家养老/助餐', '高龄津贴', '老年人权益']),
    }),
  },
  {
    code: 'education.preschool',
    weight: 3,
    texts: [
      '孩子今年满三岁，{community}附近公办幼儿园学位已满，希望协调入园。',
      '{community}普惠性幼儿园擅自提高保育费。',
      '咨询社区托育机构收托3岁以下幼儿的备案情况。',
    ],
    data: (rng) => ({
      kindergarten: `${pick(rng, ['阳光', '蓝天', '小太阳', '启明星'])}幼儿园`,
      childAge: 2 + Math.floor(rng() * 4),
      preschoolIssue: pick(rng, ['入园报名', '学位不足', '收费', '安全/保教']),
    }),
  },
  {
    code: 'education.training',
    weight: 3,
    texts: [
      '{road}一家培训机构突然关门跑路，预付的课时费无法退还。',
      '{community}有培训机构在学期中违规开设学科类补课班。',
      '{road}培训机构宣传“保过”，实际效果与宣传严重不符，要求退费。',
    ],
    data: (rng) => ({
      institution: pick(rng, ['某教育培训机构', '某艺术培训学校', '某少儿编程中心']),
      trainingIssue: pick(rng, ['违规开班', '退费难', '机构跑路', '虚假宣传', '安全隐患']),
    }),
  },
  {
    code: 'market.food-safety',
    weight: 4,
    texts: [
      '在{merchant}买到的面包已经过期，商家拒绝退换。',
      '在{merchant}吃完饭后一家人腹泻呕吐，怀疑食物中毒，已经去医院。',
      '{road}有一家无证经营的小吃店，后厨卫生条件很差。',
    ],
    data: (rng, fill) => ({
      merchant: fill.merchant,
      foodIssue: pick(rng, ['过期变质', '异物', '疑似食物中毒', '无证经营', '卫生环境差']),
      peopleAffected: Math.floor(rng() * 4),
    }),
  },
  {
    code: 'market.drug-safety',
    weight: 2,
    texts: [
      '{road}一家药店不要处方就卖抗生素。',
      '{community}有人在老年活动中心推销保健品，宣称能治病。',
      '在网上买的血压计测量误差很大，怀疑是不合格医疗器械。',
    ],
    data: (rng) => ({
      merchant: pick(rng, ['某大药房', '某保健品体验店', '某医疗器械店']),
      drugIssue: pick(rng, ['假劣药品', '无处方售处方药', '医疗器械', '保健品虚假宣传']),
    }),
  },
  {
    code: 'market.price-fraud',
    weight: 3,
    texts: [
      '在{merchant}结账时价格比货架标价高，要求退还差价。',
      '{merchant}先涨价再打折，虚假促销。',
      '景区附近餐馆菜单没有明码标价，结账时宰客。',
    ],
    data: (rng, fill) => ({ merchant: fill.merchant, amount: Math.round(5 + rng() * 300) }),
  },
  {
    code: 'traffic.taxi',
    weight: 3,
    texts: [
      '晚上在{road}打车，出租车司机拒载。',
      '网约车司机故意绕路，车费比平时多了一倍。',
      '今天乘坐出租车时把手机落在车上了，请帮忙联系司机。',
    ],
    data: (rng) => ({
      plateNumber: `京B·${String(10000 + Math.floor(rng() * 89999))}`,
      rideIssue: pick(rng, ['拒载', '绕路/多收费', '服务态度', '遗失物品', '非法营运']),
    }),
  },
  {
    code: 'traffic.bus',
    weight: 3,
    texts: [
      '{community}附近没有公交站，建议增设站点。',
      '12路公交车高峰期间隔太长，经常等半个小时。',
      '{road}公交站台的候车亭破损，雨天无法避雨。',
    ],
    data: (rng) => ({
      line: `${pick(rng, [3, 12, 27, 45, 108, 302])}路`,
      busIssue: pick(rng, ['线路调整建议', '班次间隔长', '司机服务', '站台设施']),
    }),
  },
  {
    code: 'traffic.congestion',
    weight: 3,
    texts: [
      '{road}与{community}路口红绿灯配时不合理，早高峰排队很长。',
      '{road}施工围挡占用两条车道，每天堵车严重。',
      '{road}学校门口接送车辆乱停，晚高峰拥堵。',
    ],
    data: (rng, fill) => ({ road: fill.road, timeOfDay: pick(rng, ['早高峰', '晚高峰', '全天', '夜间']) }),
  },
  {
    code: 'traffic.parking-fee',
    weight: 2,
    texts: [
      '{road}路边停车收费员乱收费，不给开票。',
      '{estate}附近停车场收费标准没有公示，停两小时收了五十元。',
    ],
    data: (rng, fill) => ({ parkingLot: `${fill.road}路侧停车`, amount: Math.round(5 + rng() * 60) }),
  },
  {
    code: 'police.household-registration',
    hours: 7,
    weight: 3,
    texts: [
      '咨询新生儿落户需要带哪些材料，在哪里办理。',
      '想把户口从外省迁入本区，咨询条件和流程。',
      '身份证丢失补办需要多长时间。',
    ],
    data: (rng) => ({ service: pick(rng, ['新生儿落户', '户口迁移', '身份证办理', '居住证']) }),
  },
  {
    code: 'police.exit-entry',
    hours: 7,
    weight: 2,
    channels: ['hotline', 'web', 'app', 'wechat'],
    texts: ['咨询护照到期换发需要预约吗。', '咨询港澳通行证签注在自助机上怎么办理。'],
    data: (rng) => ({ service: pick(rng, ['护照', '往来港澳台通行证/签注', '外国人签证/居留']) }),
  },
  {
    code: 'business.enterprise-appeal',
    weight: 3,
    enterprise: 0.9,
    texts: [
      '公司新厂房消防审批材料已提交两个月，审批迟迟没有结果。',
      '去年申报的稳岗补贴至今没有兑现到位。',
      '公司承接的区属项目工程款拖欠一年多未付，企业资金周转困难。',
      '企业扩产需要用地，希望协调解决厂房问题。',
    ],
    data: (rng, fill) => ({
      enterpriseName: fill.employer,
      appealType: pick(rng, [
        '行政审批',
        '政策兑现',
        '融资贷款',
        '用地用房',
        '涉企检查/执法',
        '拖欠企业账款',
      ]),
    }),
  },
  {
    code: 'consult.tax',
    weight: 2,
    enterprise: 0.3,
    channels: ['hotline', 'web', 'app', 'wechat'],
    texts: [
      '咨询个税专项附加扣除怎么填报。',
      '咨询小规模纳税人开具增值税发票的流程。',
      '咨询二手房交易契税的减免政策。',
    ],
    data: (rng) => ({ taxType: pick(rng, ['个人所得税', '增值税/发票', '社保费', '房产/契税']) }),
  },
  {
    code: 'legal.legal-aid',
    weight: 2,
    texts: [
      '在{employer}工作时受了工伤，公司不认，想申请法律援助。',
      '离婚纠纷对方不给抚养费，家庭困难请不起律师。',
      '借给朋友的钱多年不还，咨询怎么打官司。',
    ],
    data: (rng) => ({
      matter: pick(rng, ['劳动争议', '婚姻家庭', '欠款纠纷', '人身损害']),
      lowIncome: rng() < 0.6,
    }),
  },
  {
    code: 'health.vaccination',
    hours: 7,
    weight: 2,
    texts: [
      '咨询孩子的预防针在哪个社区卫生服务中心打，需要预约吗。',
      '孩子接种疫苗后持续发烧，想了解如何处理。',
      '{community}卫生服务中心HPV疫苗一直约不上。',
    ],
    data: (rng) => ({
      vaccine: pick(rng, ['儿童免疫规划疫苗', '狂犬病疫苗', 'HPV疫苗', '流感疫苗']),
      vaccinationIssue: pick(rng, ['接种预约', '接种点/时间咨询', '接种反应', '疫苗供应']),
    }),
  },
];
